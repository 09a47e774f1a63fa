"""Kata neural/mlp: Multi-layer perceptron classifier trained by backprop.

Difficulty 3 (hard), target time 45 minutes.

Write a complete neural network classifier in this one file, as an interview would ask:
dense layers with ReLU or tanh, a softmax output with one unit per class, the
cross-entropy loss, backpropagation through every layer, and training by mini-batch SGD
or Adam. Its attributes and its one-epoch SGD step match scikit-learn's MLPClassifier
(with alpha=0, momentum=0 and one full batch), so you can check yourself against a
framework.

Math:
    layers        a_0 = X (m, d); for the hidden layers i = 0 .. L-2:
                  a_{i+1} = act(a_i W_i + b_i),   act = relu or tanh
                  logits = a_{L-1} W_{L-1} + b_{L-1}            (m, K)
    loss          p = softmax(logits) row by row,  L = -(1/m) sum_rows log p[row, y_row]
    backward      delta = dL/dlogits = (p - Y) / m             Y one-hot (m, K)
                  for i = L-1 .. 0:
                      dW_i = a_i^T delta,  db_i = sum of delta over the batch
                      delta = (delta W_i^T) * act'(a_i)         (not for i = 0)
                  relu'(a) = 1 where a > 0 else 0;  tanh'(a) = 1 - a^2 (from the output)
    sgd           w -= learning_rate * dw
    adam          t += 1;  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
                  w -= learning_rate * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
                  b1 = 0.9, b2 = 0.999, eps = 1e-8 (PyTorch's Adam)
    init          W_i ~ N(0, 2 / n_in) for relu (He), N(0, 2 / (n_in + n_out)) for tanh
                  (Glorot), every layer including the output one; b_i = 0

Shapes: X (n, d), y (n,); coefs_[i] is (n_in, n_out) with the layer sizes
[d, *hidden_layer_sizes, K] and intercepts_[i] is (n_out,) (scikit-learn's layout);
predict_proba returns (m, K), predict (m,).

Conventions:
- classes_ holds the sorted unique labels (ints, strings, any sortable type, not
  necessarily 0..K-1); at least 2 classes. The output layer has K units, K = 2 included
  (a softmax over two units, not scikit-learn's single logistic unit).
- Every epoch draws a new permutation of the n samples from random_state and cuts it
  into consecutive batches of batch_size (the last one may be smaller; a batch_size
  larger than n means one batch of n); one update per batch.
- Each batch's loss is the exact mean cross-entropy over the batch (no clipping of
  probabilities) and the update uses its gradient. loss_curve_ has one entry per epoch:
  the mean over the epoch's samples of the batch losses, each computed in its forward
  pass before its update (so a batch of 10 weighs 10 times a batch of 1), as
  scikit-learn's loss_curve_.
- solver='adam' counts t over the updates of this fit (t = 1 at the first) and starts
  its moments at 0 in every fit; solver='sgd' is plain SGD (no momentum, no decay).
- warm_start=True: when coefs_ and intercepts_ are already set (by an earlier fit or by
  hand) fit starts from them, without drawing new weights; ValueError if their shapes do
  not match the layers. fit never writes into arrays it was given (preset ones included).
- The same int random_state gives the same result, every time; a np.random.Generator is
  accepted.
- No overflow or NaN for logits of magnitude 1e3. predict returns classes_[argmax of
  predict_proba] (ties to the first class).
- Calling predict or predict_proba before fit raises NotFittedError; the stub's
  validation already covers bad input and hyperparameters.

Complexity: one epoch is O(n * sum_i n_in_i n_out_i) time (matrix products, no loop over
samples); memory O(batch_size * sum of layer widths) for the cached activations.

Pitfalls:
- Weights initialized to zero (or any constant): every unit of a layer gets the same
  gradient and they stay identical forever (symmetry is never broken).
- The bias gradient averaged over the batch (db = delta.mean(0)) instead of summed: the
  1/m is already in delta. Or dlogits not divided by the batch size m: updates m times
  too large.
- softmax without subtracting the row max overflows at logits of 1e3; log(softmax) takes
  the log of an underflowed 0: compute log-probabilities as z - logsumexp(z).
- Not reshuffling every epoch (one permutation made before the loop, or none).
- Labels assumed to be 0..K-1 (np.eye(K)[y] fails for labels 3, 7, 10 or strings): map y
  to indices of classes_ first (np.unique(y, return_inverse=True)).
- Multiplying by the activation's derivative at the wrong layer, or relu' taken from the
  pre-activation with >= (it is 0 at 0), or tanh' as 1 - z^2 of the pre-activation.
- Updating the caller's preset coefs_ arrays in place (copy them first).

Worked example:
    One layer (hidden_layer_sizes=()), K = 2, X = [[2], [-1], [0]], y = [1, 1, 0],
    preset W = [[0, 0]], b = [0, 0], solver='sgd', learning_rate=6, batch_size=3,
    max_epochs=1. Every p is [0.5, 0.5], so loss_curve_ = [log 2 = 0.6931];
    delta = (p - Y) / 3 has rows [1, -1] / 6, [1, -1] / 6, [-1, 1] / 6;
    dW = X^T delta = [[1/6, -1/6]], db = [1/6, -1/6]; after the step
    W = [[-1, 1]], b = [-1, 1].

Run `pytest --kata neural/mlp` to check your work; hints are in hints/neural/mlp.md.
"""

import numbers

import numpy as np

from kata.validation import (
    check_fitted_input,
    check_option,
    check_random_state,
    check_scalar,
    check_X_y,
)


class MLPClassifier:
    """Multi-layer perceptron classifier: dense layers, a softmax output, cross-entropy.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default (64,)
        Units of each hidden layer; ``()`` is softmax regression.
    activation : {'relu', 'tanh'}, default 'relu'
        The hidden layers' activation.
    solver : {'adam', 'sgd'}, default 'adam'
        Adam with PyTorch's update (betas (0.9, 0.999), eps 1e-8, bias correction), or
        plain mini-batch SGD (``w -= learning_rate * grad``).
    learning_rate : float, default 1e-2
    batch_size : int, default 32
        Samples per mini-batch (the whole set when larger than n).
    max_epochs : int, default 200
        Passes over the training set.
    warm_start : bool, default False
        If True and ``coefs_`` / ``intercepts_`` are already set (by a previous fit, or by
        hand), training starts from them instead of a fresh initialization.
    random_state : int, np.random.Generator or None, default None
        Drives the initialization and the shuffling of every epoch.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    coefs_ : list of ndarray
        ``coefs_[i]`` of shape (n_in, n_out), the weights of layer i.
    intercepts_ : list of ndarray
        ``intercepts_[i]`` of shape (n_out,).
    loss_curve_ : list of float
        The mean training cross-entropy of each epoch.
    n_features_in_ : int

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    >>> model = MLPClassifier(hidden_layer_sizes=(8,), learning_rate=0.05, batch_size=4,
    ...                       max_epochs=300, random_state=0).fit(X, ["a", "b", "b", "a"])
    >>> model.predict(X)
    array(['a', 'b', 'b', 'a'], dtype='<U1')
    """

    def __init__(
        self,
        hidden_layer_sizes=(64,),
        activation="relu",
        solver="adam",
        learning_rate=1e-2,
        batch_size=32,
        max_epochs=200,
        warm_start=False,
        random_state=None,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.max_epochs = max_epochs
        self.warm_start = warm_start
        self.random_state = random_state

    def fit(self, X, y):
        """Train by backpropagation on shuffled mini-batches.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable type; at least two classes.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, classification=True)
        hidden = tuple(self.hidden_layer_sizes)
        for units in hidden:
            check_scalar(units, "hidden_layer_sizes", kind=numbers.Integral, low=1)
        check_option(self.activation, "activation", ("relu", "tanh"))
        check_option(self.solver, "solver", ("adam", "sgd"))
        check_scalar(self.learning_rate, "learning_rate", low=0, low_inclusive=False)
        check_scalar(self.batch_size, "batch_size", kind=numbers.Integral, low=1)
        check_scalar(self.max_epochs, "max_epochs", kind=numbers.Integral, low=1)
        rng = check_random_state(self.random_state)
        if len(np.unique(y)) < 2:
            raise ValueError(f"y has a single class ({y[0]!r}): at least 2 are needed")
        self.n_features_in_ = X.shape[1]

        raise NotImplementedError("MLPClassifier.fit")

    def predict_proba(self, X):
        """Class probabilities from the softmax output.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries, n_classes)
            Columns follow ``classes_``; rows sum to 1.
        """
        X = check_fitted_input(self, X, attribute="classes_")
        raise NotImplementedError("MLPClassifier.predict_proba")

    def predict(self, X):
        """The most probable class of each row.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        ndarray of shape (n_queries,)
            Labels taken from ``classes_``.
        """
        X = check_fitted_input(self, X, attribute="classes_")
        raise NotImplementedError("MLPClassifier.predict")
