"""Reference solution for neural/autograd.

The statement is in exercises/neural/autograd.py.
"""

import math
import numbers

from kata.validation import check_scalar


def _lift(other):
    # Plain numbers become constant leaves, so 2 * a and a * 2 build the same graph.
    return other if isinstance(other, Value) else Value(other)


class Value:
    """A scalar that records how it was computed, for reverse-mode differentiation.

    Parameters
    ----------
    data : real number
        The value. Stored as a Python float.

    Attributes
    ----------
    data : float
    grad : float
        dL/d(this value) summed over every ``backward()`` call made so far on an output
        L that depends on it; 0.0 until then.

    Examples
    --------
    >>> a, b = Value(2.0), Value(-3.0)
    >>> c = a * b + a
    >>> c.backward()
    >>> c.data, a.grad, b.grad
    (-4.0, -2.0, 2.0)
    """

    def __init__(self, data):
        self.data = float(check_scalar(data, "data"))
        self.grad = 0.0
        # (parent, d self / d parent) pairs, the local derivatives taken at forward time.
        self._parents = ()

    def _child(self, data, *parents):
        out = Value(data)
        out._parents = parents
        return out

    def __add__(self, other):
        """``self + other``; ``other`` may be a Value or a plain number."""
        other = _lift(other)
        return self._child(self.data + other.data, (self, 1.0), (other, 1.0))

    def __radd__(self, other):
        """``other + self`` for a plain number ``other``."""
        return self + other

    def __neg__(self):
        """``-self``."""
        return self._child(-self.data, (self, -1.0))

    def __sub__(self, other):
        """``self - other``."""
        other = _lift(other)
        return self._child(self.data - other.data, (self, 1.0), (other, -1.0))

    def __rsub__(self, other):
        """``other - self`` for a plain number ``other`` (not ``self - other``)."""
        return _lift(other) - self

    def __mul__(self, other):
        """``self * other``."""
        other = _lift(other)
        return self._child(self.data * other.data, (self, other.data), (other, self.data))

    def __rmul__(self, other):
        """``other * self`` for a plain number ``other``."""
        return self * other

    def __truediv__(self, other):
        """``self / other``."""
        other = _lift(other)
        q = self.data / other.data
        # d(a / b)/da = 1 / b, d(a / b)/db = -a / b^2 = -q / b.
        return self._child(q, (self, 1.0 / other.data), (other, -q / other.data))

    def __rtruediv__(self, other):
        """``other / self`` for a plain number ``other``."""
        return _lift(other) / self

    def __pow__(self, exponent):
        """``self ** exponent`` for a plain-number (int or float) exponent."""
        if isinstance(exponent, Value) or not isinstance(exponent, numbers.Real):
            raise TypeError(
                f"the exponent must be a plain number (int or float), got {exponent!r}"
            )
        k = float(exponent)
        return self._child(self.data**k, (self, k * self.data ** (k - 1.0)))

    def tanh(self):
        """``tanh(self)``."""
        t = math.tanh(self.data)
        return self._child(t, (self, 1.0 - t * t))  # tanh' = 1 - tanh^2, from the output

    def relu(self):
        """``max(self, 0)``; its derivative at exactly 0 is taken as 0 (as PyTorch)."""
        return self._child(max(self.data, 0.0), (self, 1.0 if self.data > 0 else 0.0))

    def exp(self):
        """``e ** self``."""
        e = math.exp(self.data)
        return self._child(e, (self, e))

    def log(self):
        """Natural logarithm; ``self.data`` must be positive."""
        if self.data <= 0:
            raise ValueError(f"log of a non-positive number ({self.data})")
        return self._child(math.log(self.data), (self, 1.0 / self.data))

    def backward(self):
        """Add ``d self / d v`` to ``v.grad`` for every Value ``v`` this one depends on.

        The seed ``d self / d self = 1`` is added to ``self.grad`` too, so a second call
        adds the same gradients again (as PyTorch does until the gradients are zeroed).
        """
        # Topological order by an iterative depth-first search: a node is listed after all
        # of its parents, each node once. An explicit stack, not recursion: a chain of
        # 10 000 operations is 10 000 levels deep.
        order, seen = [], set()
        stack = [(self, False)]
        while stack:
            node, parents_done = stack.pop()
            if parents_done:
                order.append(node)
                continue
            if node in seen:
                continue
            seen.add(node)
            stack.append((node, True))
            stack.extend((parent, False) for parent, _ in node._parents if parent not in seen)

        # Propagate THIS call's gradient, kept apart from .grad: .grad may already hold
        # earlier calls' gradients, which must not be sent through the graph again.
        # Reverse topological order: a node's gradient is complete (every use of it has
        # added its share) before it is passed on to its parents.
        pending = {self: 1.0}
        for node in reversed(order):
            g = pending.pop(node, 0.0)
            node.grad += g
            for parent, local in node._parents:
                pending[parent] = pending.get(parent, 0.0) + local * g
