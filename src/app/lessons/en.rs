//! The course in English: one [`Text`] per lesson, named for its idea
//! (the order is [`LESSONS`](super::LESSONS)'s).

use super::Text;

/// Lesson: a neuron, set by hand.
pub const NEURON: Text = Text {
    title: "A neuron",
    body: &[
        "A neuron multiplies its inputs by weights, adds them up with a bias and passes the sum through a function: `y = f(w·x + b)`, where `z = w·x + b`. Here `x = (x1, x2)` is a point of the plot, and the perceptron's `f` gives 1 when `z > 0`, else 0 (1 is Class 2 here, 0 is Class 1).",
        "The points where `z = 0` form a line. Changing `w1` and `w2` turns it (`w` is the arrow at right angles to it); changing `b` slides it along without turning.",
        "Use the sliders below, or click a number under Parameters and type one.",
    ],
    task: "Set the line by hand so that every point is on its own side (accuracy 100%).",
};

/// Lesson: the perceptron's rule.
pub const PERCEPTRON: Text = Text {
    title: "The perceptron learns",
    body: &[
        "Now let a rule turn the line. Each Step takes one point, computes the output `y` and compares it with the target `Y`. When it was right, `Y − y = 0` and nothing moves.",
        "When it was wrong, the weights change by `Δw = (Y − y)·x` and the bias by `Δb = Y − y`: a missed 1 (`Y − y = 1`) pulls the line towards the point, a false 1 (`Y − y = −1`) pushes it away. Watch `w1`: it starts at −1 and, as in the notes, becomes 0 and then 1, one correction at a time. Last update shows each step's numbers; Step back undoes one.",
        "Loss is the perceptron's own here: for each point on the wrong side, how far its score `z` is past 0 (points on their side count 0), averaged. It is 0 exactly when every point is on its side.",
        "The notes call this update backpropagation. It is not: a single neuron has nothing to pass back through. The rule is a step down the slope of that loss. Backpropagation is how a network with hidden layers finds the slope for every weight: the chain rule, run from the output back through each layer, multiplying by each activation's slope `f′(z)` (lesson 4).",
    ],
    task: "Press Step until a whole epoch goes by without a single change; on the way, see a missed 1 pulled in and a false 1 pushed away.",
};

/// Lesson: where one line fails.
pub const ONE_LINE: Text = Text {
    title: "When one line is not enough",
    body: &[
        "A line can only cut the plane into two halves. Here the classes overlap, as a teacup dog weighs and measures like a cat: some points always end up on the wrong side. Press Play: the perceptron corrects itself again and again, and after 20 epochs, each with a mistake, the page says that no line seems to separate them.",
        "XOR is worse: each class sits in two opposite corners, and no line at all separates them. Choose XOR as the Data set and press Play again.",
        "Watch Accuracy jump about, sometimes below 50%: the rule only answers the last mistake. It never keeps the best line it passed, so it ends wherever the last correction left it. On XOR no line gets much more than three points in four right.",
    ],
    task: "Press Play and let the perceptron run 20 epochs without settling: first on these overlapping blobs, then on XOR.",
};

/// Lesson: hidden layers bend the plane.
pub const BEND: Text = Text {
    title: "Activations bend space",
    body: &[
        "A network puts hidden layers between input and output. Each hidden unit is a neuron `h = f(w·x + b)` with a curved `f` such as tanh. This one has two hidden layers of two units each.",
        "Together the units move every point somewhere new. The Hidden layer chart shows where the last layer puts them, the plane's grid bent and folded with them; its dashed line is the output neuron's boundary `w·h + b = 0` in that space. As training goes on, XOR's four corners move until that one straight line separates the classes.",
        "Seen back in the input plane, the same line is a curved boundary. Each weight's slope comes from backpropagation: the chain rule run from the output back through the layers. If training sticks below 100%, pick another Init seed.",
    ],
    task: "Press Play and train the network to 100% accuracy on XOR, watching the Hidden layer chart.",
};

/// Lesson: sigmoid and softmax.
pub const PROBABILITIES: Text = Text {
    title: "Probabilities",
    body: &[
        "A step only says yes or no. The sigmoid `σ(z) = 1 / (1 + e^(−z))` squeezes any score into a number between 0 and 1, the probability that `Y = 1`; logistic regression is one such neuron. Its weights start at 0 here, so every point gets 50%: hover over the plot to read it.",
        "Training lowers the cross-entropy `L = −Σ y·log ŷ`: the less probability the right class gets, the larger the loss. As it falls, the probabilities move out towards 0% and 100%.",
        "For K classes, softmax turns K scores into K probabilities that add up to 1: `ŷk = e^zk / Σ e^zj`. Choose Softmax regression, pick Class 3 and click a third cluster onto the plot.",
    ],
    task: "Train until Loss is below 0.2; then choose Softmax regression, add at least three points of Class 3 and train until accuracy is at least 90%.",
};

/// Lesson: regression and over-fitting.
pub const REGRESSION: Text = Text {
    title: "Regression",
    body: &[
        "Regression predicts a number instead of a class. A line `y = w·x + b` is fitted by making the squared error `L = Σ (y − ŷ)²` small.",
        "A polynomial can bend, and one of degree 9 bends enough to chase every training point, noise and all: it over-fits. The held-out points, which it never trains on, give it away (Loss shows training / held out).",
        "Change Degree, then press Train 1000 steps, so that each degree gets the same training. The table under the loss curve collects your results.",
    ],
    task: "Train degrees for 1000 steps each, 9 among them, and end on the one with the lowest held-out loss (try its two neighbours too).",
};

/// Lesson: the two kinds of answer.
pub const TWO_ANSWERS: Text = Text {
    title: "Classification or regression?",
    body: &[
        "Both learn a function from examples. Classification answers with a class: the model draws a boundary, and a point's side is its answer. Regression answers with a number: the model fits a trend and reads off `y` for each `x`.",
        "What differs is the output and the loss: sigmoid or softmax with cross-entropy for classes, a plain number with squared error for values. Point at the plot in each mode to see which answer you get.",
        "A detector such as YOLO does both with one network: for each box it gives class scores, made probabilities by softmax and trained with cross-entropy, and four numbers for where the box is (x, y, width, height), trained with squared error. Its loss is the sum of the two.",
    ],
    task: "Train the classifier here to at least 90% accuracy, then switch to Regression and train the line until Loss is below 0.1.",
};

/// Lesson: a language model is a softmax classifier.
pub const LANGUAGE: Text = Text {
    title: "From classification to language",
    body: &[
        "A language model is a classifier whose classes are characters. From the last few characters it computes one softmax over all of them: how likely each one is to come next. Its loss `L` is the cross-entropy of the next character, and Perplexity is `e^L`: the model is as unsure as a fair choice among that many characters (1 is certain).",
        "Generating is classifying again and again: pick a character, append it, predict the next. Press Generate before training: knowing nothing yet, the model picks almost at random; training takes back what the old model wrote. Temperature (0.5 here) reshapes the softmax first: lower picks the likeliest, higher spreads the choice.",
        "This model reads only to the left, as GPT does. Fill the blank sets it beside one that reads both sides, as BERT does: that one guesses a hidden character better, but cannot write on.",
    ],
    task: "Train until the character after the prompt is above 90%, then press Generate and see the model write that character.",
};

/// Lesson: attention, a head that copies.
pub const ATTENTION: Text = Text {
    title: "Attention: a head that copies",
    body: &[
        "A window model reads a fixed few characters. In a transformer every character can look back at all those before it: attention matches what it asks for (its query `q`) with what each offers (its key `k`), `softmax(q·k/√d)` turns the scores into shares, and it takes that mix of their values. Several heads do this side by side, each looking for something else.",
        "Each line of this text is a made-up name written twice. The second copy can only be known by finding the first one, further back than a window reaches. Press Play and watch the score under Next character climb as the model learns to copy.",
        "The Attention region shows block 2 of the model on the last lines of the text. Under the map, each head has a caption measured from its weights. A head that has learned to copy looks, from each character, at the one that came after the same character in the first copy. Show Lines draws the same weights as lines between the characters.",
    ],
    task: "Train until a head of block 2 copies (its caption says so) and at least half of the second copies are right, then pick that head in Head.",
};

/// Lesson: an encoder against a decoder.
pub const BOTH_SIDES: Text = Text {
    title: "BERT against GPT",
    body: &[
        "The same transformer can be trained two ways. GPT is a decoder: a causal mask lets each character see only those before it, and it learns autoregressively, to predict the next character. BERT is an encoder: nothing is masked, 15% of the characters are covered and guessed from both sides, a masked language model.",
        "Fill the blank has both, the same shape, trained on the same text for the same number of steps. Its blank hides the first character of the sentence: GPT has nothing to its left to read, BERT reads what follows. The table shows both on held-out characters too.",
        "Then ask each to continue the prompt. Only one of them was ever trained to guess what comes after the end of a text.",
    ],
    task: "Press Keep training both until BERT gives the hidden character more than GPT, and ranks it first; then continue the prompt with GPT, and with BERT.",
};

/// Lesson: out-of-distribution data.
pub const OOD: Text = Text {
    title: "Out of distribution",
    body: &[
        "A model is only at home on data like the data it trained on. The notes' example: trained on home cooking, a model meets a Japanese dish. Data from somewhere else is called out of distribution (OOD).",
        "Here a network learns two moons, with 30% of the points held out: held-out accuracy measures points like the training ones. Shift moves (or turns, or widens) those same test points away, and Shifted accuracy measures the model where it never looked. A red cross marks a shifted point it is at least 90% sure of, and wrong: away from its data, a model does not know that it does not know.",
        "Text has the same trouble: in Language model, train on home recipes and score a Japanese dish under Surprise; its perplexity is far higher.",
    ],
    task: "Train to at least 90% held-out accuracy, then raise Shift until Shifted accuracy is at least 20 points lower and a red cross appears.",
};

/// Lesson: three paradigms, trained and compared.
pub const PARADIGMS: Text = Text {
    title: "Three ways to give a model a task",
    body: &[
        "A pretrained model only continues text. To make it do a task: fine-tune it on that task (BERT, T5: one model per task); show it examples in the prompt (GPT-3's few-shot prompting: no parameter changes); or train it on many tasks, each asked with an instruction (FLAN). Prompting models `P(y∣x + prompt)`; instruction tuning trains `P(y∣instruction, x)`.",
        "In Paradigms, Train all three trains one small transformer per paradigm in background workers on string tasks — reverse, sort, copy, capitals, first letter, count — and measures each on inputs none of its training texts held. The table is the notes' comparison, filled with your numbers; Shots sets how many examples the prompted model is shown.",
        "Read it as a test of the notes' claims: does the fine-tuned model lose the other tasks? Do examples help, and does more help more? Does the instruction-tuned model follow an instruction worded a way it never read, or do a task it never saw? Where a model this small cannot show an effect, the page says so and by how much it missed.",
        "Click a number to open the model behind it, then ask it yourself: Next character writes the answer one character at a time, with every head's attention over the prompt.",
    ],
    task: "Train all three paradigms (Short is enough) so the table fills, then open a model from the table and ask it something.",
};

/// Lesson: the scaling law, measured and used.
pub const SCALING: Text = Text {
    title: "The scaling law",
    body: &[
        "GPT-2 and GPT-3 differ mainly in size, and the bigger one is better in a way that can be measured in advance: held-out loss falls along a smooth curve as parameters `N`, training characters `D` and compute `C ≈ 6·N·D` grow. Here you measure that curve yourself.",
        "In Scaling, Run sweep trains a family of small transformers side by side in background workers, each size on each data budget, and scores every one on text none of them read. On the log-log Scaling plot a power law is a straight line; the page fits `L = a·C^(−α) + L∞`, where `L∞` is a floor no size gets under, and shows `α` in Exponent next to the published ones.",
        "A law is worth something when it predicts a run before you pay for it. Under Predict, then check, pick a size you did not train: the law fitted on the others gives its loss first, then the run is trained and measured.",
        "At this scale the curve bends: on a small budget the biggest models gain little, because there is too little text to fill them. The page names the runs off the line instead of hiding them.",
    ],
    task: "Run a sweep with at least three sizes on one budget, then use Predict and train on a size you did not train: the prediction must land within 5% of the measured loss.",
};
