"""Reference solution for neural/mlp.

The statement is in exercises/neural/mlp.py.
"""

import itertools
import numbers

import numpy as np

from kata.validation import (
    check_fitted_input,
    check_option,
    check_random_state,
    check_scalar,
    check_X_y,
)

_BETAS = (0.9, 0.999)  # Adam's decay rates and eps, PyTorch's defaults
_EPS = 1e-8


def _log_softmax(z):
    # Shift by each row's max: exp never sees a positive number, so logits of 1e3 are fine,
    # and the log is taken of a sum >= 1, never of an underflowed probability.
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


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

        classes, y_index = np.unique(y, return_inverse=True)
        sizes = [X.shape[1], *hidden, len(classes)]
        if self.warm_start and getattr(self, "coefs_", None) is not None:
            coefs, intercepts = self._preset_weights(sizes)
        else:
            coefs, intercepts = self._initial_weights(sizes, rng)
        self.classes_ = classes
        Y = np.eye(len(classes))[y_index]  # one-hot rows: labels become column indices

        params = coefs + intercepts  # updated in place: these are our own arrays
        m = [np.zeros_like(p) for p in params]
        v = [np.zeros_like(p) for p in params]
        step = 0
        n = X.shape[0]
        batch = min(self.batch_size, n)
        self.loss_curve_ = []
        for _ in range(self.max_epochs):
            order = rng.permutation(n)  # a fresh order every epoch
            total = 0.0
            for start in range(0, n, batch):
                idx = order[start : start + batch]
                loss, grads = self._loss_and_gradients(X[idx], Y[idx], coefs, intercepts)
                total += loss * len(idx)  # the epoch's mean weighs each batch by its size
                step += 1
                for k, (p, g) in enumerate(zip(params, grads, strict=True)):
                    if self.solver == "sgd":
                        p -= self.learning_rate * g
                    else:  # Adam, PyTorch's form: bias-corrected moments, eps outside sqrt
                        m[k] = _BETAS[0] * m[k] + (1 - _BETAS[0]) * g
                        v[k] = _BETAS[1] * v[k] + (1 - _BETAS[1]) * g * g
                        m_hat = m[k] / (1 - _BETAS[0] ** step)
                        v_hat = v[k] / (1 - _BETAS[1] ** step)
                        p -= self.learning_rate * m_hat / (np.sqrt(v_hat) + _EPS)
            self.loss_curve_.append(total / n)
        self.coefs_, self.intercepts_ = coefs, intercepts
        return self

    def _initial_weights(self, sizes, rng):
        coefs, intercepts = [], []
        for n_in, n_out in itertools.pairwise(sizes):
            # Random weights break the symmetry between units (zeros would keep every unit
            # of a layer identical forever). The variance keeps activations' scale from
            # layer to layer: 2 / n_in for ReLU (He), 2 / (n_in + n_out) for tanh (Glorot).
            var = 2.0 / n_in if self.activation == "relu" else 2.0 / (n_in + n_out)
            coefs.append(rng.normal(0.0, np.sqrt(var), size=(n_in, n_out)))
            intercepts.append(np.zeros(n_out))
        return coefs, intercepts

    def _preset_weights(self, sizes):
        # Copies (np.array copies), so training never writes into the caller's arrays.
        coefs = [np.array(W, dtype=np.float64) for W in self.coefs_]
        intercepts = [np.array(b, dtype=np.float64) for b in self.intercepts_]
        want = list(itertools.pairwise(sizes))
        if [W.shape for W in coefs] != want or [b.shape for b in intercepts] != [
            (n_out,) for _, n_out in want
        ]:
            raise ValueError(
                f"warm_start: the preset coefs_ {[W.shape for W in coefs]} and intercepts_ "
                f"{[b.shape for b in intercepts]} do not match the layers {want}"
            )
        return coefs, intercepts

    def _loss_and_gradients(self, X, Y, coefs, intercepts):
        """Mean cross-entropy of the batch and its gradients, coefs' first."""
        # Forward: keep every layer's output, the backward pass needs them.
        activations = [X]
        for W, b in zip(coefs[:-1], intercepts[:-1], strict=True):
            z = activations[-1] @ W + b
            activations.append(np.maximum(z, 0.0) if self.activation == "relu" else np.tanh(z))
        logits = activations[-1] @ coefs[-1] + intercepts[-1]
        log_p = _log_softmax(logits)
        m = X.shape[0]
        loss = -np.sum(Y * log_p) / m
        # Softmax + cross-entropy: dL/dlogits = (p - Y) / m, the 1/m of the mean loss.
        delta = (np.exp(log_p) - Y) / m
        grad_W, grad_b = [None] * len(coefs), [None] * len(coefs)
        for i in range(len(coefs) - 1, -1, -1):
            grad_W[i] = activations[i].T @ delta  # sums over the batch
            grad_b[i] = delta.sum(axis=0)  # a sum too: the 1/m is already in delta
            if i > 0:
                delta = delta @ coefs[i].T
                a = activations[i]  # the activation's derivative from its output
                delta = delta * (a > 0) if self.activation == "relu" else delta * (1 - a * a)
        return loss, grad_W + grad_b

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
        a = X
        for W, b in zip(self.coefs_[:-1], self.intercepts_[:-1], strict=True):
            z = a @ W + b
            a = np.maximum(z, 0.0) if self.activation == "relu" else np.tanh(z)
        return np.exp(_log_softmax(a @ self.coefs_[-1] + self.intercepts_[-1]))

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
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
