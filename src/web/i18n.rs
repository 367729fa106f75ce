//! Every string the page shows, in English and Chinese, in one table.
//! Keys are stable; `{}` placeholders are filled in order by [`tf`].

/// The page's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// 简体中文.
    Zh,
}

impl Lang {
    /// The language for a code such as `en`, `zh-CN` (anything else: English).
    pub fn from_code(code: &str) -> Lang {
        if code.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The two-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// `(key, English, Chinese)`.
const TABLE: &[(&str, &str, &str)] = &[
    // Page structure and controls.
    ("mode", "Mode", "模式"),
    ("classification", "Classification", "分类"),
    ("regression", "Regression", "回归"),
    ("language", "Language", "语言"),
    ("controls", "Controls", "控制"),
    ("model", "Model", "模型"),
    ("data", "Data", "数据"),
    ("preset", "Data set", "数据集"),
    ("count", "Count", "数量"),
    ("noise", "Noise", "噪声"),
    ("data-seed", "Seed", "种子"),
    ("regenerate", "Regenerate", "重新生成"),
    ("clear", "Clear points", "清除所有点"),
    ("classes", "Classes", "类别数"),
    ("class-n", "Class {}", "类别 {}"),
    ("class-group", "Class", "类别"),
    ("training", "Training", "训练"),
    ("lr", "Learning rate", "学习率"),
    ("batch", "Batch size", "批大小"),
    ("momentum", "Momentum", "动量"),
    ("l2", "L2", "L2 正则"),
    ("holdout", "Held out (%)", "留出验证 (%)"),
    ("init-seed", "Init seed", "初始化种子"),
    ("network", "Network", "网络结构"),
    ("layers", "Hidden layers", "隐藏层数"),
    ("units", "Units per layer", "每层神经元"),
    ("activation", "Activation", "激活函数"),
    ("output", "Output", "输出层"),
    ("features", "Features", "输入特征"),
    ("polynomial", "Polynomial", "多项式"),
    ("degree", "Degree", "次数"),
    ("step-back", "Step back", "后退一步"),
    ("step", "Step", "单步"),
    ("play", "Play", "播放"),
    ("pause", "Pause", "暂停"),
    ("reset", "Reset", "重置"),
    ("speed", "Speed", "速度"),
    ("history", "History", "训练历史"),
    ("loss", "Loss", "损失"),
    ("accuracy", "Accuracy", "准确率"),
    ("step-count", "Step", "步数"),
    ("epoch", "Epoch", "轮次"),
    ("parameters", "Parameters", "参数"),
    ("last-update", "Last update", "最近一次更新"),
    ("loss-curve", "Loss curve", "损失曲线"),
    ("landscape", "Landscape", "损失地形"),
    ("hidden-space", "Hidden layer", "隐藏层空间"),
    ("activation-plot", "Activation", "激活函数"),
    ("charts", "Charts", "图表"),
    ("axis-x", "Across", "横轴"),
    ("axis-y", "Up", "纵轴"),
    (
        "n-landscape",
        "The training loss over two parameters, the others held where they are now. The line is the path training took; the dot is where it is now.",
        "固定其他参数，只改变这两个参数时训练损失的高低。折线是训练走过的路径，圆点是当前位置。",
    ),
    (
        "n-hidden",
        "Where the last hidden layer puts each point. The grey lines are the input plane's grid, bent by the network; here a straight line can separate the classes.",
        "最后一个隐藏层把每个点放到了哪里。灰线是输入平面的网格被网络弯折后的样子；在这个空间里，一条直线就能把类别分开。",
    ),
    ("n-hidden-none", "This model has no hidden layer. Pick Neural network with at least one hidden layer.", "这个模型没有隐藏层。请选择至少有一个隐藏层的神经网络。"),
    (
        "n-activation",
        "f(z) and its slope f′(z). Backpropagation multiplies by f′: where it is near 0 the neuron learns slowly.",
        "f(z) 及其斜率 f′(z)。反向传播要乘以 f′：f′ 接近 0 的地方，神经元学得很慢。",
    ),
    ("unit", "unit {}", "神经元 {}"),
    ("l-loss", "loss", "损失"),
    ("l-log", "log scale", "对数刻度"),
    ("l-path", "training path", "训练路径"),
    ("l-now", "now", "当前"),
    ("a-z", "z = w·x + b", "z = w·x + b"),
    ("points", "Points", "数据点"),
    ("data-plot", "Data plot", "数据图"),
    ("loss-chart", "Loss chart", "损失曲线图"),
    ("training-bar", "Training", "训练"),
    ("train-series", "training", "训练集"),
    ("heldout-series", "held out", "验证集"),
    ("chart-step", "step", "步数"),
    ("file", "Keep your work", "保存与分享"),
    ("save-json", "Save JSON", "保存 JSON"),
    ("load-json", "Load JSON", "载入 JSON"),
    ("import-csv", "Import CSV", "导入 CSV"),
    ("share", "Share link", "分享链接"),
    ("save-png", "Save PNG", "保存图片"),
    ("s-linked", "The address bar now holds a link to exactly this state: copy it to share.", "地址栏里现在就是指向当前状态的链接，复制即可分享。"),
    ("s-link-failed", "Could not put the state into the address.", "无法把状态写入地址栏。"),
    ("s-loaded", "Loaded {}.", "已载入 {}。"),
    ("s-load-failed", "Could not load {}: {}. Nothing was changed.", "无法载入 {}：{}。当前内容没有改变。"),
    ("s-url-bad", "The state in this link could not be read ({}); starting fresh.", "无法读取链接中的状态（{}），已从头开始。"),
    // Models.
    ("m-perceptron", "Perceptron", "感知机"),
    ("m-logistic", "Logistic regression", "逻辑回归"),
    ("m-softmax", "Softmax regression", "Softmax 回归"),
    ("m-network", "Neural network", "神经网络"),
    ("m-linear", "Linear regression", "线性回归"),
    ("m-polynomial", "Polynomial regression", "多项式回归"),
    (
        "x-perceptron",
        "One neuron: z = w·x + b, and it answers 1 when z > 0, else 0. When it is wrong it moves: Δw = η(Y − y)·x, Δb = η(Y − y). w turns the line, b slides it.",
        "一个神经元：z = w·x + b，z > 0 时输出 1，否则输出 0。答错了才调整：Δw = η(Y − y)·x，Δb = η(Y − y)。w 决定直线的朝向，b 决定它的位置。",
    ),
    (
        "x-logistic",
        "The same line, but σ(z) = 1/(1 + e^(−z)) turns the score into a probability of class 2. It learns by lowering cross-entropy, so even right answers push it to be more sure.",
        "还是一条直线，但用 σ(z) = 1/(1 + e^(−z)) 把分数变成“属于类别 2”的概率。训练目标是让交叉熵变小，所以答对了也会继续变得更有把握。",
    ),
    (
        "x-softmax",
        "One score per class, z_k = w_k·x + b_k; softmax turns the K scores into K probabilities that add up to 1. A language model's last step is this, with one class per word.",
        "每个类别一个分数 z_k = w_k·x + b_k，softmax 把 K 个分数变成加起来等于 1 的 K 个概率。语言模型的最后一步就是这样，只是每个词都是一个类别。",
    ),
    (
        "x-network",
        "Hidden layers of neurons, each a weighted sum followed by a non-linear activation, bend the plane until one straight cut separates the classes. Try XOR, circles or a spiral.",
        "隐藏层里的每个神经元都是“加权求和 + 非线性激活”，它们把平面弯折变形，直到一刀就能把类别分开。试试 XOR、圆环或螺旋数据。",
    ),
    (
        "x-linear",
        "A straight line y = w·x + b, fitted by lowering the mean squared error between the prediction ŷ and each point's y.",
        "用直线 y = w·x + b 拟合数据：不断减小预测值 ŷ 与真实值 y 之间的均方误差。",
    ),
    (
        "x-polynomial",
        "A curve y = b + Σ w_k·P_k(x/6) built from Legendre polynomials (the same curves as powers of x, but they train well). High degrees follow the noise: overfitting.",
        "曲线 y = b + Σ w_k·P_k(x/6)，由勒让德多项式组成（和 x 的各次幂表示同样的曲线，但更容易训练）。次数太高会去拟合噪声，这就是过拟合。",
    ),
    ("x-network-reg", "A network with a linear output bends a curve through the points; the hidden units are its joints.", "输出层为线性的神经网络可以拟合弯曲的曲线，隐藏层神经元就是曲线的“关节”。"),
    // Presets.
    ("p-separable", "Separable blobs", "线性可分的两团"),
    ("p-overlapping", "Overlapping blobs (teacup dog vs cat)", "重叠的两团（茶杯犬 vs 猫）"),
    ("p-xor", "XOR", "异或 (XOR)"),
    ("p-circles", "Circles", "圆环"),
    ("p-moons", "Moons", "双月形"),
    ("p-spiral", "Spiral", "螺旋"),
    ("p-three-blobs", "Three blobs", "三团（3 类）"),
    ("p-line", "Noisy line", "带噪声的直线"),
    ("p-sine", "Sine wave", "正弦波"),
    ("p-cubic", "Cubic", "三次曲线"),
    ("p-custom", "(your points)", "（自己点的数据）"),
    // Hints.
    (
        "hint-class",
        "Click the plot to add a point of the selected class; Shift+click adds class 2; right-click or Ctrl+click removes the nearest; drag a point to move it.",
        "点击图上任意位置添加当前类别的点；Shift+点击添加类别 2；右键或 Ctrl+点击删除最近的点；拖动可以移动点。",
    ),
    (
        "hint-reg",
        "Click the plot to add a point (x, y); right-click or Ctrl+click removes the nearest; drag a point to move it.",
        "点击图上任意位置添加点 (x, y)；右键或 Ctrl+点击删除最近的点；拖动可以移动点。",
    ),
    // Status messages.
    ("s-no-points", "Add some points first: click on the plot, or pick a data set.", "请先添加数据点：点击图表，或选择一个数据集。"),
    ("s-one-class", "All points are one class. Add points of another class (pick a class button, or Shift+click).", "所有点都属于同一类别。请添加另一个类别的点（选择类别按钮，或 Shift+点击）。"),
    (
        "s-too-many",
        "This model tells two classes apart. For three or more classes pick Softmax regression or Neural network.",
        "这个模型只能区分两个类别。三个及以上类别请选择 Softmax 回归或神经网络。",
    ),
    (
        "s-diverged",
        "Training diverged: the numbers were growing without bound, so it stopped at the last good state. Lower the learning rate or press Reset.",
        "训练发散了：参数在无限增大，已停在最后一个正常的状态。请调小学习率，或点击“重置”。",
    ),
    ("s-invalid", "{}: {}. The previous value is kept.", "{}：{}。已保留原来的值。"),
    ("s-need-number", "enter a number", "请输入数字"),
    ("s-range", "use {} to {}", "范围是 {} 到 {}"),
    ("s-positive", "use a number above 0, at most {}", "请输入大于 0 且不超过 {} 的数"),
    ("s-whole", "use a whole number from {} to {}", "请输入 {} 到 {} 之间的整数"),
    ("s-reset", "Parameters re-initialised. The points are kept.", "参数已重新初始化，数据点保留。"),
    ("s-cleared", "All points removed.", "已清除所有点。"),
    ("s-stepped-back", "Went back to step {}.", "已回到第 {} 步。"),
    ("s-nothing-back", "Nothing to undo: this is the start.", "没有可撤销的更新：已经在起点。"),
    ("s-cant-reach", "That step is no longer kept in the history.", "这一步已经不在历史记录里了。"),
    ("s-edit-param", "Type a new value and press Enter (Esc cancels).", "输入新值后按回车（Esc 取消）。"),
    ("s-param-bad", "That is not a usable number; the parameter is unchanged.", "这不是有效的数字，参数未改变。"),
    ("s-class-data", "The data has {} classes; remove those points first.", "数据里有 {} 个类别，请先删除那些点。"),
    ("s-converged", "Converged: a whole epoch without any change.", "已收敛：整整一轮都没有任何更新。"),
    ("s-bad-point", "That point cannot be added: {}.", "无法添加这个点：{}。"),
    ("s-panic", "Something went wrong inside NeuronLab. Please reload the page. Details: {}", "NeuronLab 内部出错了，请刷新页面。详情：{}"),
    // Panels.
    ("u-none", "No update yet: press Step.", "还没有更新：请点击“单步”。"),
    ("u-sample", "Sample #{}: x = {}", "样本 #{}：x = {}"),
    ("u-batch", "Batch of {} samples, first #{}: x = {}", "一批 {} 个样本，第一个是 #{}：x = {}"),
    ("u-mean-loss", "mean loss of the batch before the update: {}", "更新前这一批的平均损失：{}"),
    ("u-layer-change", "layer {}: largest |Δ| = {}", "第 {} 层：最大 |Δ| = {}"),
    ("u-no-change", "Right answer, so nothing changes.", "答对了，所以什么都不改。"),
    ("u-back", "Went back to step {}: the update was undone exactly.", "已回到第 {} 步：这次更新被精确撤销。"),
    ("p-class", "Class {}", "类别 {}"),
    ("p-layer", "Layer {} ({} → {})", "第 {} 层（{} → {}）"),
    ("p-summary", "{} weights: mean |w| = {}, min = {}, max = {}", "{} 个权重：平均 |w| = {}，最小 = {}，最大 = {}"),
    ("p-show-table", "Show every weight", "显示全部权重"),
    ("p-unit", "unit", "神经元"),
    ("p-edit", "Click a value to edit it", "点击数值可以修改"),
    ("t-more", "… and {} more points", "……还有 {} 个点"),
    ("t-class", "class", "类别"),
    ("t-heldout", "held out", "验证"),
    ("f-linear", "y = w1·x + b", "y = w1·x + b"),
    ("f-poly", "y = b + Σ w_k·P_k(x/6)", "y = b + Σ w_k·P_k(x/6)"),
    ("f-single", "z = w1·x1 + w2·x2 + b", "z = w1·x1 + w2·x2 + b"),
];

/// The string for `key` in `lang` (the key itself if missing, so a gap shows).
pub fn t(lang: Lang, key: &str) -> &str {
    TABLE
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, en, zh)| match lang {
            Lang::En => *en,
            Lang::Zh => *zh,
        })
}

/// The string for `key` with each `{}` replaced by the next argument.
pub fn tf(lang: Lang, key: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = t(lang, key);
    for a in args {
        match rest.find("{}") {
            Some(i) => {
                out.push_str(&rest[..i]);
                out.push_str(a);
                rest = &rest[i + 2..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// Every key in the table (for tests that check both languages are complete).
pub fn keys() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|(k, _, _)| *k)
}
