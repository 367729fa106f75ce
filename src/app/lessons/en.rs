//! The course in English.

use super::Text;

/// The eight lessons, in order.
pub const LESSONS: [Text; 8] = [
    Text {
        title: "A neuron",
        body: &[
            "A neuron multiplies its inputs by weights, adds them up with a bias and passes the sum through a function: `y = f(w·x + b)`, where `z = w·x + b`. Here `x = (x1, x2)` is a point of the plot, and the perceptron's `f` gives 1 when `z > 0`, else 0 (1 is Class 2 here, 0 is Class 1).",
            "The points where `z = 0` form a line. Changing `w1` and `w2` turns it (`w` is the arrow at right angles to it); changing `b` slides it along without turning.",
            "Use the sliders below, or click a number under Parameters and type one.",
        ],
        task: "Set the line by hand so that every point is on its own side (accuracy 100%).",
    },
    Text {
        title: "The perceptron learns",
        body: &[
            "Now let a rule turn the line. Each Step takes one point, computes the output `y` and compares it with the target `Y`.",
            "When it was right, `Y − y = 0` and nothing moves. When it was wrong, the weights change by `Δw = (Y − y)·x` and the bias by `Δb = Y − y`: a missed 1 pulls the line towards it, a false 1 pushes it away.",
            "Last update shows each step with its numbers filled in; Step back takes a step back.",
        ],
        task: "Press Step until a whole epoch goes by without a single change.",
    },
    Text {
        title: "When one line is not enough",
        body: &[
            "A line can only cut the plane into two halves. When the classes overlap (a teacup dog weighs and measures like a cat), some points always end up on the wrong side: try the Overlapping data set.",
            "XOR is worse: each class sits in two opposite corners, and no line at all separates them. The perceptron corrects itself again and again, and never gets through an epoch without a mistake.",
        ],
        task: "Press Play and let the perceptron run 20 epochs on XOR without ever settling.",
    },
    Text {
        title: "Activations bend space",
        body: &[
            "A network puts a hidden layer between input and output. Each hidden unit is a neuron `h = f(w·x + b)` with a curved `f` such as tanh.",
            "Together the hidden units move every point somewhere new. The Hidden layer chart shows where: the plane's grid bent and folded until one straight line separates what no line could before.",
            "The output neuron draws that line; seen back in the input plane, the boundary is curved.",
        ],
        task: "Press Play and train the network to 100% accuracy on XOR.",
    },
    Text {
        title: "Probabilities",
        body: &[
            "A step only says yes or no. The sigmoid `σ(z) = 1 / (1 + e^(−z))` squeezes any score into a number between 0 and 1, the probability that `Y = 1`; logistic regression is one such neuron.",
            "For K classes, softmax turns K scores into K probabilities that add up to 1: `ŷk = e^zk / Σ e^zj`.",
            "Training lowers the cross-entropy `L = −Σ y·log ŷ`: the less probability the right class gets, the larger the loss. Hover over the plot to read each class's probability.",
        ],
        task: "Click three clusters onto the plot, one per class (choose it with Class 1, 2, 3), then train to at least 90% accuracy.",
    },
    Text {
        title: "Regression",
        body: &[
            "Regression predicts a number instead of a class. A line `y = w·x + b` is fitted by making the squared error `L = Σ (y − ŷ)²` small.",
            "A polynomial can bend, and one of degree 9 bends enough to chase every training point, noise and all: it over-fits. The held-out points, which it never trains on, give it away (Loss shows training / held out).",
            "Try a few degrees, train each for a while and compare the held-out loss.",
        ],
        task: "Train degrees for 1000 steps each, 9 among them, and end on the one with the lowest held-out loss (try its two neighbours too).",
    },
    Text {
        title: "Classification or regression?",
        body: &[
            "Both learn a function from examples. Classification answers with a class: the model draws a boundary, and a point's side is its answer. Regression answers with a number: the model fits a trend and reads off `y` for each `x`.",
            "What differs is the output and the loss: sigmoid or softmax with cross-entropy for classes, a plain number with squared error for values.",
            "A detector does both at once: it classifies what is in a box and regresses where the box is.",
        ],
        task: "Switch to Regression and see the same idea give a number.",
    },
    Text {
        title: "From classification to language",
        body: &[
            "A language model is a classifier whose classes are characters. From the last few characters it computes one softmax over all of them: how likely each one is to come next.",
            "Generating is classifying again and again: pick a character, append it, predict the next. Temperature reshapes the softmax first: low picks the most likely, high spreads the choice.",
            "This model reads only to the left, as GPT does. Fill the blank sets it beside one that reads both sides, as BERT does: that one guesses a hidden character better, but cannot write on.",
        ],
        task: "Train until the character after the prompt is above 90%, then press Generate.",
    },
];
