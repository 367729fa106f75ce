//! The chart panel's tabs.

/// Which chart the panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chart {
    /// Training (and held-out) loss per step.
    Loss,
    /// Loss over two parameters, with the training path.
    Landscape,
    /// The last hidden layer's space.
    Hidden,
    /// The activation function and its slope.
    Activation,
    /// The network drawn: every unit's output over the plane, every weight.
    Network,
}

impl Chart {
    /// Every chart, in tab order.
    pub const ALL: [Chart; 5] = [
        Chart::Loss,
        Chart::Network,
        Chart::Landscape,
        Chart::Hidden,
        Chart::Activation,
    ];

    /// The tab's `data-view` id.
    pub fn id(self) -> &'static str {
        match self {
            Chart::Loss => "loss",
            Chart::Landscape => "landscape",
            Chart::Hidden => "hidden",
            Chart::Activation => "activation",
            Chart::Network => "network",
        }
    }

    /// The chart named by a tab's `data-view`.
    pub fn from_id(id: &str) -> Option<Chart> {
        Chart::ALL.into_iter().find(|c| c.id() == id)
    }
}
