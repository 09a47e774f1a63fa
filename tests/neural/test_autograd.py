"""Tests for neural/autograd: the scalar Value and its backward()."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, load_kata, numerical_gradient, python_lines

mod = load_kata("neural/autograd")
Value = mod.Value


# The same expression must run on Values and on plain floats (for central differences):
# these dispatch the four methods to math for floats.
def tanh(v):
    return v.tanh() if isinstance(v, Value) else math.tanh(v)


def relu(v):
    return v.relu() if isinstance(v, Value) else max(v, 0.0)


def exp(v):
    return v.exp() if isinstance(v, Value) else math.exp(v)


def log(v):
    return v.log() if isinstance(v, Value) else math.log(v)


def grads_of(expr, values):
    """Build ``expr`` on fresh leaves, call backward once; return (out, leaves)."""
    leaves = [Value(v) for v in values]
    out = expr(*leaves)
    out.backward()
    return out, leaves


def numeric_grads(expr, values):
    """Central differences of the same expression written in plain floats."""
    return numerical_gradient(lambda v: float(expr(*v)), np.array(values, dtype=float))


# Expressions on positive inputs (log and ** of a fraction need them), with shared nodes.
EXPRESSIONS = {
    "a*b + b*c + c": lambda a, b, c: a * b + b * c + c,
    "(a + b) * a [a in an add below a mul]": lambda a, b, c: (a + b) * a + c,
    "(a*b)*(a*b) [a*b used twice]": lambda a, b, c: (a * b) * (a * b),
    "a**3 / (b + c) - 2*a": lambda a, b, c: a**3 / (b + c) - 2 * a,
    "tanh(a*b - c) * exp(-a)": lambda a, b, c: tanh(a * b - c) * exp(-a),
    "log(a + b*b) + relu(c - 1) - 1/c": lambda a, b, c: log(a + b * b) + relu(c - 1) - 1 / c,
    "a**0.5 * (1 - b) / 3 + 0.5*c": lambda a, b, c: a**0.5 * (1 - b) / 3 + 0.5 * c,
    "d = a + b; e = d*c; e*d + e [diamond]": lambda a, b, c: (
        lambda d: (lambda e: e * d + e)(d * c)
    )(a + b),
    "3 - a/b - (c - a)**2 [rsub, rtruediv]": lambda a, b, c: 3 - a / b - (c - a) ** 2 + 2 / c,
}


def check_grads(label, leaves, want, names="abc"):
    for leaf, name, w in zip(leaves, names, want, strict=False):
        got = leaf.grad
        assert isinstance(got, float), (
            f"{name}.grad is a {type(got).__name__}, expected a float (start grad at 0.0)"
        )
        if not math.isclose(got, w, rel_tol=1e-6, abs_tol=1e-8):
            ratio = got / w if w else float("nan")
            if w and round(ratio) in (2, 3, 4) and math.isclose(ratio, round(ratio)):
                pytest.fail(
                    f"{label}: {name}.grad = {got:.6g} is {round(ratio)} times the true "
                    f"{w:.6g}: a node's gradient was passed on more than once (a node listed "
                    "twice in the topological order, or backward run per path)"
                )
            pytest.fail(
                f"{label}: {name}.grad = {got:.6g}, but d out / d {name} = {w:.6g} "
                "(central differences of the same expression in plain floats)"
            )


# --- the basics -----------------------------------------------------------------------------


def test_a_value_holds_a_float_and_its_gradient():
    a = Value(3)
    assert a.data == 3.0 and isinstance(a.data, float), "Value(3).data must be the float 3.0"
    assert a.grad == 0.0, f"a new Value has grad 0.0, got {a.grad}"
    a.backward()
    assert a.grad == 1.0, f"a.backward() on a leaf gives d a / d a = 1, got a.grad = {a.grad}"
    assert a.data == 3.0, "backward() must not change data"


def test_hand_worked_example():
    a, b = Value(2.0), Value(-3.0)
    ab = a * b
    c = ab + a
    assert isinstance(c, Value), f"a * b + a must be a Value, got {type(c).__name__}"
    assert (a.data, b.data, ab.data) == (2.0, -3.0, -6.0) and c not in (a, b, ab), (
        f"a * b + a changed its operands (a.data = {a.data}, b.data = {b.data}, "
        f"(a * b).data = {ab.data}): every operation returns a NEW Value"
    )
    assert c.data == -4.0, f"(a * b + a).data = {c.data}, expected 2 * -3 + 2 = -4"
    c.backward()
    assert c.grad == 1.0, f"backward() seeds d c / d c = 1, got c.grad = {c.grad}"
    if a.grad == 0.0 and b.grad == 0.0:
        pytest.fail(
            "a.grad = b.grad = 0 after c.backward(): the gradient never reached the leaves. "
            "Process the nodes in REVERSE topological order (the output first), and make "
            "each node pass its gradient to its operands"
        )
    if a.grad in (-3.0, 1.0):
        pytest.fail(
            f"a.grad = {a.grad}: a is used twice (in a * b and in + a), and only one use "
            "counted. Gradients ADD over every use (v.grad += ..., never v.grad = ...)"
        )
    assert a.grad == -2.0, f"a.grad = {a.grad}, expected b + 1 = -2"
    assert b.grad == 2.0, f"b.grad = {b.grad}, expected a = 2"


def test_a_times_itself_counts_both_factors():
    a = Value(3.0)
    out = a * a
    out.backward()
    if a.grad == 3.0:
        pytest.fail(
            "d(a * a)/da came out as a = 3, not 2a = 6: the second operand's gradient "
            "overwrote the first's. Accumulate: self.grad += ..., other.grad += ..."
        )
    assert out.data == 9.0 and a.grad == 6.0, f"a * a at 3: data {out.data}, grad {a.grad}"


def test_a_plus_itself_counts_both_terms():
    a = Value(3.0)
    out = a + a
    out.backward()
    if a.grad == 1.0:
        pytest.fail(
            "d(a + a)/da came out as 1, not 2: the second operand's gradient overwrote the "
            "first's. Accumulate: self.grad += ..., other.grad += ..."
        )
    assert out.data == 6.0 and a.grad == 2.0, f"a + a at 3: data {out.data}, grad {a.grad}"


# (name, expression, input, expected data, expected derivative): by hand.
ONE_OPS = [
    ("a + 2", lambda a: a + 2, 1.5, 3.5, 1.0),
    ("2 + a", lambda a: 2 + a, 1.5, 3.5, 1.0),
    ("a - 2", lambda a: a - 2, 1.5, -0.5, 1.0),
    ("1 - a", lambda a: 1 - a, 1.5, -0.5, -1.0),
    ("a * 4", lambda a: a * 4, 1.5, 6.0, 4.0),
    ("4 * a", lambda a: 4 * a, 1.5, 6.0, 4.0),
    ("a / 4", lambda a: a / 4, 2.0, 0.5, 0.25),
    ("3 / a", lambda a: 3 / a, 2.0, 1.5, -0.75),
    ("-a", lambda a: -a, 1.5, -1.5, -1.0),
    ("a ** 3", lambda a: a**3, 2.0, 8.0, 12.0),
    ("a ** -1", lambda a: a**-1, 2.0, 0.5, -0.25),
    ("a ** 0.5", lambda a: a**0.5, 4.0, 2.0, 0.25),
    ("a.tanh()", lambda a: a.tanh(), 0.5, math.tanh(0.5), 1 - math.tanh(0.5) ** 2),
    ("a.exp()", lambda a: a.exp(), 0.5, math.exp(0.5), math.exp(0.5)),
    ("a.log()", lambda a: a.log(), 2.0, math.log(2.0), 0.5),
    ("a.relu() at 1.5", lambda a: a.relu(), 1.5, 1.5, 1.0),
    ("a.relu() at -1.5", lambda a: a.relu(), -1.5, 0.0, 0.0),
]
MISSING_REFLECTED = {"2 + a": "__radd__", "1 - a": "__rsub__", "4 * a": "__rmul__"}
MISSING_REFLECTED["3 / a"] = "__rtruediv__"
KNOWN_WRONG = {
    "1 - a": {(0.5, 1.0): "1 - a computed as a - 1: __rsub__(self, other) is other - self"},
    "3 / a": {
        (2.0 / 3.0, 1.0 / 3.0): "3 / a computed as a / 3: __rtruediv__(self, other) is "
        "other / self",
        (1.5, 0.75): "d(a / b)/db has the wrong sign: it is -a / b^2",
    },
    "a ** 3": {(8.0, 24.0): "d a^k / da computed as k a^k: it is k a^(k-1)"},
    "a.tanh()": {
        (math.tanh(0.5), 0.75): "tanh' computed as 1 - a^2: it is 1 - tanh(a)^2",
        (math.tanh(0.5), 1 - math.tanh(0.5)): "tanh' computed as 1 - tanh(a): square it",
    },
    "a / 4": {(0.5, -0.125): "d(a / b)/da is 1 / b; -a / b^2 is the derivative for b"},
    "a.log()": {(math.log(2.0), 0.25): "log' computed as 1 / a^2: it is 1 / a"},
    "a.exp()": {(math.exp(0.5), 0.5): "exp' computed as a: it is exp(a), the output"},
    "-a": {(-1.5, 0.0): "-a is not connected to a in the graph: record a as its operand"},
}


@pytest.mark.parametrize("name, expr, x, data, grad", ONE_OPS, ids=[o[0] for o in ONE_OPS])
def test_each_operation_and_its_derivative(name, expr, x, data, grad):
    a = Value(x)
    try:
        out = expr(a)
    except TypeError as exc:
        hint = MISSING_REFLECTED.get(name)
        if hint:
            pytest.fail(
                f"{name} raised TypeError ({exc}): Python calls the Value's {hint} when the "
                "plain number is on the left; define it"
            )
        raise
    assert isinstance(out, Value), f"{name} returned a {type(out).__name__}, not a Value"
    assert out is not a and a.data == x, (
        f"{name} changed its operand (a.data is now {a.data}): return a NEW Value"
    )
    out.backward()
    for (wrong_data, wrong_grad), message in KNOWN_WRONG.get(name, {}).items():
        if math.isclose(out.data, wrong_data, rel_tol=1e-9, abs_tol=1e-12) and math.isclose(
            a.grad, wrong_grad, rel_tol=1e-9, abs_tol=1e-12
        ):
            pytest.fail(f"{name} at {x}: {message}")
    assert math.isclose(out.data, data, rel_tol=1e-12, abs_tol=1e-15), (
        f"({name}).data at a = {x} is {out.data}, expected {data}"
    )
    assert math.isclose(a.grad, grad, rel_tol=1e-12, abs_tol=1e-15), (
        f"d({name})/da at a = {x} is {a.grad}, expected {grad}"
    )


def test_relu_derivative_at_zero_is_zero():
    a = Value(0.0)
    out = a.relu()
    out.backward()
    assert out.data == 0.0, f"relu(0) = {out.data}"
    assert a.grad == 0.0, (
        f"d relu / da at exactly 0 is {a.grad}: the convention (PyTorch's) is 0, "
        "1 only for a > 0 (a > 0, not a >= 0)"
    )


def test_a_node_used_by_two_operations_passes_its_gradient_once():
    # x feeds y and z, both feed out = y * z = 15 x^2 = 60 a^2. With x listed twice in the
    # topological order (no "visited" set), x passes its gradient to a twice.
    a = Value(1.5)
    x = a * 2.0
    y = x * 3.0
    z = x * 5.0
    out = y * z
    out.backward()
    if a.grad > 120.0 * 1.5 * (1 + 1e-9):
        pytest.fail(
            f"a.grad = {a.grad:.6g} > d out / d a = 180: x, used by y and by z, passed its "
            "gradient to a more than once. List each node ONCE in the topological order "
            "(keep a visited set)"
        )
    check_grads("out = (3x)(5x) with x = 2a", [a], [120.0 * 1.5])
    assert math.isclose(x.grad, 30.0 * 3.0), f"x.grad = {x.grad}, expected 30 x = 90"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("label", list(EXPRESSIONS))
def test_gradients_match_central_differences(label, seed):
    expr = EXPRESSIONS[label]
    values = list(np.random.default_rng(seed).uniform(0.5, 2.0, size=3))
    out, leaves = grads_of(expr, values)
    assert math.isclose(out.data, expr(*values), rel_tol=1e-12), (
        f"{label}: out.data = {out.data}, but the same expression in floats gives {expr(*values)}"
    )
    check_grads(label, leaves, numeric_grads(expr, values))


def test_a_deep_diamond_chain_is_not_exponential():
    # 40 diamonds in a row: the number of paths is 2^40, the number of nodes 121. A
    # topological order visits each node once: about 4000 Python lines in all (the
    # reference), 250 per node allowed. Pushing gradients along every path never ends; it
    # passes 30 000 lines by the 13th diamond, and the count stops it there.
    x = Value(0.9)
    y = x
    for _ in range(40):
        y = (y * 0.5) + (y * 0.5)  # d y_{k+1} / d y_k = 1 through two paths
    budget = 250 * 121
    lines = python_lines(y.backward, budget=budget)
    assert lines <= budget, (
        f"backward on a chain of 40 diamonds (121 nodes, 2^40 paths) ran more than {budget} "
        "lines of Python: does it push gradients along every PATH (recursing into a node "
        "once per parent)? Order the nodes topologically once (each visited once, with a "
        "visited set), then apply each node's local backward once, in reverse order"
    )
    assert math.isclose(x.grad, 1.0, rel_tol=1e-12), (
        f"x.grad = {x.grad}, expected 1: every diamond passes the gradient through both "
        "paths, once each"
    )


# --- accumulation across backward() calls ----------------------------------------------------


def test_a_second_backward_adds_the_same_gradients_again():
    a, b = Value(2.0), Value(-3.0)
    c = a * b + a
    c.backward()
    c.backward()
    assert c.grad == 2.0, (
        f"after two c.backward() calls c.grad = {c.grad}, expected 2: backward ADDS the "
        "seed 1 to c.grad (grads accumulate until zeroed, as PyTorch)"
    )
    if (a.grad, b.grad) != (-4.0, 4.0):
        pytest.fail(
            f"after two calls a.grad = {a.grad}, b.grad = {b.grad}, not twice one call's "
            "(-4, 4): the second call pushed the grads accumulated by the first call (c's, "
            "and a * b's) through the graph again. Propagate this call's gradient only, "
            "kept apart from the .grad totals (or zero the graph's grads first and add the "
            "old totals back at the end)"
        )
    assert (a.grad, b.grad) == (-4.0, 4.0), (
        f"after two calls a.grad = {a.grad}, b.grad = {b.grad}: expected twice one call's, (-4, 4)"
    )


def test_gradients_of_two_outputs_add_up_on_shared_leaves():
    a, b = Value(2.0), Value(5.0)
    first = a * b
    second = a + b * b
    first.backward()
    second.backward()
    assert (a.grad, b.grad) == (5.0 + 1.0, 2.0 + 10.0), (
        f"a.grad = {a.grad}, b.grad = {b.grad} after first.backward() and "
        "second.backward(): expected (b + 1, a + 2b) = (6, 12), the two calls' sum"
    )
    assert first.grad == 1.0, f"second.backward() changed first.grad to {first.grad}"


def test_backward_leaves_values_outside_the_graph_alone():
    a, b, unrelated = Value(2.0), Value(3.0), Value(7.0)
    used = unrelated * 2.0  # a node that the output does not depend on
    out = a * b
    out.backward()
    assert unrelated.grad == 0.0 and used.grad == 0.0, (
        "backward() changed the grad of Values that the output does not depend on"
    )
    assert (a.grad, b.grad) == (3.0, 2.0)


def test_operations_do_not_change_their_operands():
    a, b = Value(2.0), Value(3.0)
    c = a * b - a / b + a**2 + a.tanh() + b.exp() + b.log() + a.relu() - (-a)
    assert (a.data, b.data, a.grad, b.grad) == (2.0, 3.0, 0.0, 0.0), (
        "building an expression changed an operand's data or grad: every operation "
        "returns a NEW Value"
    )
    c.backward()
    assert (a.data, b.data) == (2.0, 3.0), "backward() changed data"


# --- deep graphs ----------------------------------------------------------------------------


@pytest.mark.timeout(20)
def test_a_chain_of_ten_thousand_operations():
    # Python's recursion limit is about 1000: a recursive topological sort (or a
    # recursive backward) fails here with RecursionError.
    x = Value(0.5)
    y = x
    for _ in range(10_000):
        y = y * 1.0001
    try:
        y.backward()
    except RecursionError:
        pytest.fail(
            "RecursionError on a chain of 10 000 operations: build the topological order "
            "with an explicit stack (iterative DFS), not recursion"
        )
    assert math.isclose(y.data, 0.5 * 1.0001**10_000, rel_tol=1e-9)
    assert math.isclose(x.grad, 1.0001**10_000, rel_tol=1e-9), (
        f"x.grad = {x.grad}, expected 1.0001^10000 = {1.0001**10_000:.6f}"
    )


@pytest.mark.timeout(20)
def test_a_long_sum_with_a_shared_leaf():
    # s = w*x_1 + w*x_2 + ... + w*x_5000: w is used 5000 times, the chain is 10 000 deep.
    w = Value(0.3)
    xs = np.linspace(-1.0, 1.0, 5000)
    s = Value(0.0)
    for x in xs:
        s = s + w * float(x)
    try:
        s.backward()
    except RecursionError:
        pytest.fail("RecursionError on a 10 000-deep graph: sort it without recursion")
    assert math.isclose(w.grad, float(xs.sum()), abs_tol=1e-9), (
        f"w.grad = {w.grad}, expected the sum of the x_i = {xs.sum():.6g}: w is shared by "
        "all 5000 products and collects all their gradients"
    )


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", ["3", float("nan"), None, [1.0], True])
def test_value_of_something_that_is_not_a_number_is_a_value_error(data):
    Value(1.0).backward()
    with pytest.raises(ValueError, match="data"):
        Value(data)


def test_log_of_a_non_positive_number_is_a_value_error():
    Value(1.0).log()
    for x in (0.0, -1.0):
        with pytest.raises(ValueError, match="non-positive"):
            Value(x).log()


def test_a_value_exponent_is_a_type_error():
    Value(2.0) ** 2
    with pytest.raises(TypeError, match="exponent"):
        Value(2.0) ** Value(2.0)
