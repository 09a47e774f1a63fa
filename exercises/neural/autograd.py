"""Kata neural/autograd: Scalar reverse-mode autograd.

Difficulty 2 (standard), target time 30 minutes.

Write `Value`, a scalar that remembers how it was computed, and `backward()`, which
fills in the gradient of the output with respect to every Value it depends on. It is the
engine inside PyTorch's autograd (and Karpathy's micrograd), one number at a time.

Each operation returns a NEW Value whose data is the result and which records its
operands together with the local derivative of the result with respect to each of them.
`out.backward()` then orders the graph that ends at `out` topologically and applies the
chain rule from `out` back to the leaves.

Math:
    local derivatives, for c = f(a, b):
        a + b: 1, 1        a - b: 1, -1       a * b: b, a        a / b: 1/b, -a/b^2
        a ** k: k a^(k-1)  -a: -1             tanh(a): 1 - tanh(a)^2 = 1 - c^2
        relu(a): 1 if a > 0 else 0            exp(a): e^a = c     log(a): 1/a
    chain rule over the graph, for the output L:
        dL/dv = sum over every use of v (every Value c computed from v) of
                dL/dc * dc/dv
    so v's gradient is complete once every Value computed from v has passed its share
    back: process the nodes in reverse topological order (outputs before inputs).

Shapes: every Value holds one Python float in `.data` and one in `.grad`.

Conventions:
- Operators +, -, *, / with a Value or a plain number (int or float) on either side:
  2 * a, a * 2, 1 - a, a - 1, a / 3, 3 / a, 2 + a; unary -a; a ** k with a plain-number
  exponent k (a Value exponent raises TypeError; 2 ** a is not required). Methods
  a.tanh(), a.relu(), a.exp(), a.log() (log of a non-positive number raises ValueError).
- The derivative of relu at exactly 0 is 0 (as PyTorch).
- Every result is a new Value; no operation changes its operands' data or grad.
- A new Value starts with grad 0.0. out.backward() ADDS d(out)/dv to v.grad for every v
  that out depends on, out itself included (d(out)/d(out) = 1). A second call adds the
  same amounts again (as PyTorch before zero_grad), also when other calls came between;
  Values that out does not depend on are not touched.
- Shared nodes: a * a, or a Value used by several operations, collects the gradient of
  every use.
- backward() works on a chain of 10 000 operations: no recursion over the graph.

Complexity: backward() is O(number of nodes + edges) time and memory: each node is
ordered once and each edge passes its gradient once.

Pitfalls:
- Assigning (v.grad = ...) instead of adding (+=): a * a, or a node used twice, then keeps
  only one of its uses.
- A recursive topological sort (or recursive backward) hits Python's recursion limit
  (about 1000) on a deep graph: use an explicit stack.
- Listing a node twice in the topological order (no "visited" set) sends its gradient to
  its inputs twice.
- Processing nodes in topological order instead of REVERSE topological order.
- Missing __radd__, __rsub__, __rmul__, __rtruediv__: 2 * a raises TypeError. And
  __rsub__ / __rtruediv__ must compute other - self and other / self (not self - other).
- Pushing the node's accumulated .grad through the graph on a second backward() call:
  earlier calls' gradients then get counted again. Propagate this call's gradient only.
- relu's derivative at 0 taken as 1, or tanh's as 1 - a^2.

Worked example:
    a = Value(2.0), b = Value(-3.0), c = a * b + a        c.data = -4.0
    c.backward(): c.grad = 1; a * b and a both get 1 from the +;
    a.grad = b (from a * b) + 1 (from + a) = -2.0, b.grad = a = 2.0.
    A second c.backward() makes c.grad = 2, a.grad = -4.0, b.grad = 4.0.

Run `pytest --kata neural/autograd` to check your work; hints are in
hints/neural/autograd.md.
"""

import math  # noqa: F401  (you will need it)
import numbers

from kata.validation import check_scalar


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

    def __add__(self, other):
        """``self + other``; ``other`` may be a Value or a plain number."""
        raise NotImplementedError("Value.__add__")

    def __radd__(self, other):
        """``other + self`` for a plain number ``other``."""
        raise NotImplementedError("Value.__radd__")

    def __neg__(self):
        """``-self``."""
        raise NotImplementedError("Value.__neg__")

    def __sub__(self, other):
        """``self - other``."""
        raise NotImplementedError("Value.__sub__")

    def __rsub__(self, other):
        """``other - self`` for a plain number ``other`` (not ``self - other``)."""
        raise NotImplementedError("Value.__rsub__")

    def __mul__(self, other):
        """``self * other``."""
        raise NotImplementedError("Value.__mul__")

    def __rmul__(self, other):
        """``other * self`` for a plain number ``other``."""
        raise NotImplementedError("Value.__rmul__")

    def __truediv__(self, other):
        """``self / other``."""
        raise NotImplementedError("Value.__truediv__")

    def __rtruediv__(self, other):
        """``other / self`` for a plain number ``other``."""
        raise NotImplementedError("Value.__rtruediv__")

    def __pow__(self, exponent):
        """``self ** exponent`` for a plain-number (int or float) exponent."""
        if isinstance(exponent, Value) or not isinstance(exponent, numbers.Real):
            raise TypeError(
                f"the exponent must be a plain number (int or float), got {exponent!r}"
            )
        raise NotImplementedError("Value.__pow__")

    def tanh(self):
        """``tanh(self)``."""
        raise NotImplementedError("Value.tanh")

    def relu(self):
        """``max(self, 0)``; its derivative at exactly 0 is taken as 0 (as PyTorch)."""
        raise NotImplementedError("Value.relu")

    def exp(self):
        """``e ** self``."""
        raise NotImplementedError("Value.exp")

    def log(self):
        """Natural logarithm; ``self.data`` must be positive."""
        if self.data <= 0:
            raise ValueError(f"log of a non-positive number ({self.data})")
        raise NotImplementedError("Value.log")

    def backward(self):
        """Add ``d self / d v`` to ``v.grad`` for every Value ``v`` this one depends on.

        The seed ``d self / d self = 1`` is added to ``self.grad`` too, so a second call
        adds the same gradients again (as PyTorch does until the gradients are zeroed).
        """
        raise NotImplementedError("Value.backward")
