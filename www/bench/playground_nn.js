// The JavaScript reference network of `cargo xtask bench`.
//
// Written for NeuronLab in the object-per-neuron style of TensorFlow
// Playground's engine (its nn.ts): every neuron is a Node object holding its
// bias, its last total input and output, and lists of Link objects to the
// neurons before and after it; forward and backward passes walk those
// objects one by one, derivatives are accumulated on the nodes and links
// over a batch, and an update divides by the number accumulated. No typed
// arrays, no matrices: this is the style we compare our wasm engine with.
//
// It computes what NeuronLab's network computes (tanh hidden layers, a
// sigmoid output with binary cross-entropy, the mean gradient over a batch,
// plain SGD), so that from the same weights and the same batches it gives
// the same loss curve; bench.js checks that to 1e-6. (NeuronLab trains with a
// rational tanh good to 2e-7; this uses Math.tanh, as Playground does.) Like
// Playground's engine it keeps per-link `isDead` flags and a regularization
// hook in the update (rate 0 here: the weights come out bit for bit the same).

/** Activation functions: `output(x)` and `der(x)`, both of the total input x. */
export const Activations = {
  TANH: {
    output: (x) => Math.tanh(x),
    der: (x) => {
      const output = Activations.TANH.output(x);
      return 1 - output * output;
    },
  },
  SIGMOID: {
    output: (x) => 1 / (1 + Math.exp(-x)),
    der: (x) => {
      const output = Activations.SIGMOID.output(x);
      return output * (1 - output);
    },
  },
  LINEAR: {
    output: (x) => x,
    der: () => 1,
  },
};

/** Error functions: `error(output, target)` and `der(output, target)` = dE/d(output). */
export const Errors = {
  /** Binary cross-entropy of a probability against a 0/1 label. */
  CROSS_ENTROPY: {
    error: (output, target) => -(target * Math.log(output) + (1 - target) * Math.log(1 - output)),
    der: (output, target) => (output - target) / (output * (1 - output)),
  },
  /** Half the squared error (TensorFlow Playground's loss). */
  SQUARE: {
    error: (output, target) => 0.5 * (output - target) ** 2,
    der: (output, target) => output - target,
  },
};

/** Regularization functions: `output(w)` and `der(w)`. */
export const Regularizations = {
  L1: { output: (w) => Math.abs(w), der: (w) => (w < 0 ? -1 : w > 0 ? 1 : 0) },
  L2: { output: (w) => 0.5 * w * w, der: (w) => w },
};

/** Input features by name, as functions of the point (x, y). */
export const INPUTS = {
  x1: (x, y) => x,
  x2: (x, y) => y,
};

/** A neuron. */
export class Node {
  /**
   * @param {string} id
   * @param {{output: Function, der: Function}} activation
   */
  constructor(id, activation) {
    this.id = id;
    /** Links from the neurons of the previous layer. */
    this.inputLinks = [];
    /** Links to the neurons of the next layer. */
    this.outputs = [];
    this.bias = 0;
    this.totalInput = 0;
    this.output = 0;
    /** dE/d(output) for the current sample. */
    this.outputDer = 0;
    /** dE/d(totalInput) for the current sample. */
    this.inputDer = 0;
    /** dE/d(bias) summed over the current batch. */
    this.accInputDer = 0;
    this.numAccumulatedDers = 0;
    this.activation = activation;
  }

  /** Recomputes the total input and the output from the input links. */
  updateOutput() {
    this.totalInput = this.bias;
    for (let j = 0; j < this.inputLinks.length; j++) {
      const link = this.inputLinks[j];
      this.totalInput += link.weight * link.source.output;
    }
    this.output = this.activation.output(this.totalInput);
    return this.output;
  }
}

/** A weighted connection between two neurons. */
export class Link {
  /**
   * @param {Node} source
   * @param {Node} dest
   */
  constructor(source, dest) {
    this.id = `${source.id}-${dest.id}`;
    this.source = source;
    this.dest = dest;
    this.weight = 0;
    /** Set when L1 regularization zeroes the weight; a dead link is skipped. */
    this.isDead = false;
    /** A regularization function {output, der}, or null. */
    this.regularization = null;
    /** dE/d(weight) for the current sample. */
    this.errorDer = 0;
    /** dE/d(weight) summed over the current batch. */
    this.accErrorDer = 0;
    this.numAccumulatedDers = 0;
  }
}

/**
 * Builds a fully connected network of `shape` (units per layer, inputs
 * first), e.g. [2, 8, 8, 1]. Returns the layers, each an array of Nodes.
 * Weights and biases start at 0: set them with setParams().
 */
export function buildNetwork(shape, activation, outputActivation, inputIds = Object.keys(INPUTS)) {
  let id = 1;
  const network = [];
  for (let layerIdx = 0; layerIdx < shape.length; layerIdx++) {
    const isOutputLayer = layerIdx === shape.length - 1;
    const isInputLayer = layerIdx === 0;
    const currentLayer = [];
    network.push(currentLayer);
    for (let i = 0; i < shape[layerIdx]; i++) {
      const nodeId = isInputLayer ? inputIds[i] : String(id++);
      const node = new Node(nodeId, isOutputLayer ? outputActivation : activation);
      currentLayer.push(node);
      if (layerIdx >= 1) {
        const prevLayer = network[layerIdx - 1];
        for (let j = 0; j < prevLayer.length; j++) {
          const prevNode = prevLayer[j];
          const link = new Link(prevNode, node);
          prevNode.outputs.push(link);
          node.inputLinks.push(link);
        }
      }
    }
  }
  return network;
}

/** The output neuron. */
export function getOutputNode(network) {
  return network[network.length - 1][0];
}

/** The network's input for point (x, y): the enabled features, in order. */
export function constructInput(x, y, inputIds = ['x1', 'x2']) {
  const input = [];
  for (let i = 0; i < inputIds.length; i++) {
    input.push(INPUTS[inputIds[i]](x, y));
  }
  return input;
}

/** Runs the network on `inputs`; returns the output neuron's output. */
export function forwardProp(network, inputs) {
  const inputLayer = network[0];
  if (inputs.length !== inputLayer.length) {
    throw new Error('The number of inputs must match the number of nodes in the input layer');
  }
  for (let i = 0; i < inputLayer.length; i++) {
    inputLayer[i].output = inputs[i];
  }
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) {
    const currentLayer = network[layerIdx];
    for (let i = 0; i < currentLayer.length; i++) {
      currentLayer[i].updateOutput();
    }
  }
  return getOutputNode(network).output;
}

/**
 * Backpropagates the error of the last forwardProp() against `target`,
 * adding each bias's and weight's derivative to its accumulator.
 */
export function backProp(network, target, errorFunc) {
  const outputNode = getOutputNode(network);
  outputNode.outputDer = errorFunc.der(outputNode.output, target);
  for (let layerIdx = network.length - 1; layerIdx >= 1; layerIdx--) {
    const currentLayer = network[layerIdx];
    for (let i = 0; i < currentLayer.length; i++) {
      const node = currentLayer[i];
      node.inputDer = node.outputDer * node.activation.der(node.totalInput);
      node.accInputDer += node.inputDer;
      node.numAccumulatedDers++;
    }
    for (let i = 0; i < currentLayer.length; i++) {
      const node = currentLayer[i];
      for (let j = 0; j < node.inputLinks.length; j++) {
        const link = node.inputLinks[j];
        if (link.isDead) continue;
        link.errorDer = node.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAccumulatedDers++;
      }
    }
    if (layerIdx === 1) {
      continue;
    }
    const prevLayer = network[layerIdx - 1];
    for (let i = 0; i < prevLayer.length; i++) {
      const node = prevLayer[i];
      node.outputDer = 0;
      for (let j = 0; j < node.outputs.length; j++) {
        const output = node.outputs[j];
        node.outputDer += output.weight * output.dest.inputDer;
      }
    }
  }
}

/**
 * One SGD step with the mean of the accumulated derivatives, then the
 * regularization step (none unless a link has a regularization function and
 * the rate is above 0); clears the accumulators.
 */
export function updateWeights(network, learningRate, regularizationRate = 0) {
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) {
    const currentLayer = network[layerIdx];
    for (let i = 0; i < currentLayer.length; i++) {
      const node = currentLayer[i];
      if (node.numAccumulatedDers > 0) {
        node.bias -= (learningRate * node.accInputDer) / node.numAccumulatedDers;
        node.accInputDer = 0;
        node.numAccumulatedDers = 0;
      }
      for (let j = 0; j < node.inputLinks.length; j++) {
        const link = node.inputLinks[j];
        if (link.isDead) continue;
        const regulDer = link.regularization ? link.regularization.der(link.weight) : 0;
        if (link.numAccumulatedDers > 0) {
          link.weight -= (learningRate / link.numAccumulatedDers) * link.accErrorDer;
          const newLinkWeight = link.weight - learningRate * regularizationRate * regulDer;
          if (link.regularization === Regularizations.L1 && link.weight * newLinkWeight < 0) {
            // L1 pushed the weight across zero: it stays at zero from now on.
            link.weight = 0;
            link.isDead = true;
          } else {
            link.weight = newLinkWeight;
          }
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }
}

/**
 * One epoch: every sample of `points` ({x, y, label}) in the order `order`
 * (indices), forward + backward, and an update after every `batchSize`
 * samples (and after a last, shorter batch, as NeuronLab does).
 */
export function trainEpoch(network, points, order, batchSize, learningRate, errorFunc = Errors.CROSS_ENTROPY) {
  for (let i = 0; i < order.length; i++) {
    const point = points[order[i]];
    const input = constructInput(point.x, point.y);
    forwardProp(network, input);
    backProp(network, point.label, errorFunc);
    if ((i + 1) % batchSize === 0 || i === order.length - 1) {
      updateWeights(network, learningRate);
    }
  }
}

/** Mean error of the network over `points`. */
export function getLoss(network, points, errorFunc = Errors.CROSS_ENTROPY) {
  let loss = 0;
  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    const output = forwardProp(network, constructInput(point.x, point.y));
    loss += errorFunc.error(output, point.label);
  }
  return loss / points.length;
}

/**
 * The decision boundary: the output at every node of an n × n grid over
 * [-6, 6]², written into `boundary[i][j]` (i along x, j along y from the top).
 */
export function decisionBoundary(network, n, boundary, xmin = -6, xmax = 6, ymin = -6, ymax = 6) {
  for (let i = 0; i < n; i++) {
    const x = xmin + ((xmax - xmin) * i) / (n - 1);
    const column = boundary[i];
    for (let j = 0; j < n; j++) {
      const y = ymax - ((ymax - ymin) * j) / (n - 1);
      column[j] = forwardProp(network, constructInput(x, y));
    }
  }
  return boundary;
}

/** An n × n array of arrays for decisionBoundary(). */
export function makeBoundary(n) {
  const boundary = [];
  for (let i = 0; i < n; i++) boundary.push(new Array(n).fill(0));
  return boundary;
}

/**
 * Sets every weight and bias from NeuronLab's flat layout: per layer, W
 * row-major (one row per neuron, one column per input) followed by b.
 */
export function setParams(network, params) {
  let at = 0;
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) {
    const layer = network[layerIdx];
    for (const node of layer) {
      for (const link of node.inputLinks) link.weight = params[at++];
    }
    for (const node of layer) node.bias = params[at++];
  }
  if (at !== params.length) {
    throw new Error(`expected ${at} parameters, got ${params.length}`);
  }
}

/** Every weight and bias in NeuronLab's flat layout (see setParams()). */
export function getParams(network) {
  const params = [];
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) {
    const layer = network[layerIdx];
    for (const node of layer) {
      for (const link of node.inputLinks) params.push(link.weight);
    }
    for (const node of layer) params.push(node.bias);
  }
  return params;
}
