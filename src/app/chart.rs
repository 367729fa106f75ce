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
}

impl Chart {
    /// Every chart, in tab order.
    pub const ALL: [Chart; 4] = [
        Chart::Loss,
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
        }
    }

    /// The chart named by a tab's `data-view`.
    pub fn from_id(id: &str) -> Option<Chart> {
        Chart::ALL.into_iter().find(|c| c.id() == id)
    }
}
