"""Tests for sequence/positional_encoding: sinusoidal_encoding and apply_rope."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, inputs_unchanged, load_kata

mod = load_kata("sequence/positional_encoding")


# --- the test's own oracles, straight from the published formulas ----------------------------


def formula_table(n_positions, d_model):
    """PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)), entry by entry."""
    pe = np.zeros((n_positions, d_model))
    for p in range(n_positions):
        for j in range(d_model):
            two_i = j - j % 2  # the pair's even index 2i
            angle = p / 10000.0 ** (two_i / d_model)
            pe[p, j] = math.sin(angle) if j % 2 == 0 else math.cos(angle)
    return pe


def table_mistakes(n_positions, d_model):
    """The classic wrong tables, each with its name."""
    p = np.arange(n_positions)[:, None]
    j = np.arange(d_model)[None, :]
    two_i = j - j % 2
    even = j % 2 == 0
    half = (d_model + 1) // 2
    k = np.arange(half)[None, :]
    halves_angle = p / 10000.0 ** (2 * k / d_model)
    halves = np.concatenate([np.sin(halves_angle), np.cos(halves_angle)], axis=1)[:, :d_model]
    return [
        (
            np.where(
                even,
                np.cos(p / 10000.0 ** (two_i / d_model)),
                np.sin(p / 10000.0 ** (two_i / d_model)),
            ),
            "sin and cos are swapped: the EVEN columns 2i hold the sine, the odd ones 2i + 1 "
            "the cosine",
        ),
        (
            np.where(
                even, np.sin(p / 10000.0 ** (j / d_model)), np.cos(p / 10000.0 ** (j / d_model))
            ),
            "the exponent uses the column index j (10000^(j/d)): columns 2i and 2i + 1 share "
            "the frequency 10000^(-2i/d), with the pair's even index 2i",
        ),
        (
            np.where(
                even,
                np.sin(p / 10000.0 ** ((two_i / 2) / d_model)),
                np.cos(p / 10000.0 ** ((two_i / 2) / d_model)),
            ),
            "the exponent is i/d instead of 2i/d (the factor 2 is missing)",
        ),
        (
            halves,
            "the table is [all sines | all cosines] (two halves): the columns are interleaved, "
            "sin in column 2i and cos in column 2i + 1",
        ),
        (
            np.where(
                even,
                np.sin((p + 1) / 10000.0 ** (two_i / d_model)),
                np.cos((p + 1) / 10000.0 ** (two_i / d_model)),
            ),
            "the positions start at 1: row p encodes position p, starting at 0",
        ),
        (
            np.where(
                even,
                np.sin(p * 10000.0 ** (two_i / d_model)),
                np.cos(p * 10000.0 ** (two_i / d_model)),
            ),
            "the position is multiplied by 10000^(2i/d) instead of divided: the frequencies "
            "must DEcrease along the columns",
        ),
        (
            np.where(even, np.sin(p * 1.0), np.cos(p * 1.0)),
            "every pair has the frequency 1 (angle p): the exponent 2i/d is 0, e.g. computed "
            "with integer division (2i // d) or left out. PE[p, 2i] = sin(p / 10000^(2i/d))",
        ),
    ]


def check_table(n_positions, d_model):
    try:
        got = np.asarray(mod.sinusoidal_encoding(n_positions, d_model))
    except ValueError as exc:
        if d_model % 2 and "broadcast" in str(exc):
            pytest.fail(
                f"sinusoidal_encoding({n_positions}, {d_model}) failed ({exc}): with an odd "
                f"d_model there are (d_model + 1) // 2 = {(d_model + 1) // 2} sine columns "
                f"(0, 2, ...) but only d_model // 2 = {d_model // 2} cosine columns"
            )
        raise
    expected = formula_table(n_positions, d_model)
    assert got.dtype == np.float64, f"the table has dtype {got.dtype}, expected float64"
    assert got.shape == expected.shape, (
        f"sinusoidal_encoding({n_positions}, {d_model}) has shape {got.shape}, "
        f"expected (n_positions, d_model) = {expected.shape}"
    )
    if not np.allclose(got, expected, rtol=1e-10, atol=1e-12):
        for wrong, what in table_mistakes(n_positions, d_model):
            if np.allclose(got, wrong, rtol=1e-10, atol=1e-12):
                pytest.fail(what)
        if not np.allclose(got[0, 0::2], 0.0, atol=1e-12):
            pytest.fail(
                f"position 0 has {got[0, 0::2]} in its even columns: they hold the sine "
                "(sin 0 = 0), PE[p, 2i] = sin(p / 10000^(2i/d))"
            )
        if not np.allclose(got[0, 1::2], 1.0, atol=1e-12):
            pytest.fail(
                f"position 0 has {got[0, 1::2]} in its odd columns: they hold the cosine "
                "(cos 0 = 1), PE[p, 2i+1] = cos(p / 10000^(2i/d))"
            )
    np.testing.assert_allclose(
        got,
        expected,
        rtol=1e-10,
        atol=1e-12,
        err_msg=f"sinusoidal_encoding({n_positions}, {d_model}) differs from "
        "PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d))",
    )


def rope_oracle(x, positions=None, base=10000.0):
    """Rotate every pair (2i, 2i+1) of every row by pos * base^(-2i/d), with math.cos/sin."""
    x = np.asarray(x, dtype=float)
    T, d = x.shape[-2], x.shape[-1]
    positions = np.arange(T) if positions is None else np.asarray(positions, dtype=float)
    flat = x.reshape(-1, T, d)
    out = np.zeros_like(flat)
    for b in range(flat.shape[0]):
        for t in range(T):
            for i in range(d // 2):
                phi = positions[t] * base ** (-2 * i / d)
                a, c = flat[b, t, 2 * i], flat[b, t, 2 * i + 1]
                out[b, t, 2 * i] = a * math.cos(phi) - c * math.sin(phi)
                out[b, t, 2 * i + 1] = a * math.sin(phi) + c * math.cos(phi)
    return out.reshape(x.shape)


def aliased_rope(x, pos, base):
    """The rotation written in place on a copy: b' uses the new a', not a."""
    d = x.shape[-1]
    phi = pos[:, None] * base ** (-2 * np.arange(d // 2) / d)
    a_new = x[..., 0::2] * np.cos(phi) - x[..., 1::2] * np.sin(phi)
    out = np.empty_like(x)
    out[..., 0::2] = a_new
    out[..., 1::2] = a_new * np.sin(phi) + x[..., 1::2] * np.cos(phi)
    return out


def swapped_rope(x, pos, base):
    """The rotation with cos and sin exchanged (a reflection, not a rotation by phi)."""
    d = x.shape[-1]
    phi = pos[:, None] * base ** (-2 * np.arange(d // 2) / d)
    a, b = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x)
    out[..., 0::2] = a * np.sin(phi) - b * np.cos(phi)
    out[..., 1::2] = a * np.cos(phi) + b * np.sin(phi)
    return out


def rope_mistakes(x, positions=None, base=10000.0):
    x = np.asarray(x, dtype=float)
    T, d = x.shape[-2], x.shape[-1]
    pos = np.arange(T) if positions is None else np.asarray(positions, dtype=float)
    half = d // 2
    phi = pos[:, None] * base ** (-2 * np.arange(half) / d)
    a, b = x[..., :half], x[..., half:]
    halves = np.concatenate(
        [a * np.cos(phi) - b * np.sin(phi), a * np.sin(phi) + b * np.cos(phi)], axis=-1
    )
    interleaved = np.empty_like(x)
    interleaved[..., 0::2] = a * np.cos(phi) - b * np.sin(phi)
    interleaved[..., 1::2] = a * np.sin(phi) + b * np.cos(phi)
    return (
        [
            (
                interleaved,
                "the rotated pairs are (x[..., i], x[..., i + d/2]) (the two halves): this "
                "kata pins the interleaved pairs (x[..., 2i], x[..., 2i + 1])",
            ),
            (
                rope_oracle(x, -pos, base),
                "the pairs are rotated by -phi (clockwise): (a, b) -> (a cos phi - b sin phi, "
                "a sin phi + b cos phi)",
            ),
            (
                halves,
                "the pairs are the two halves (x[..., i], x[..., i + d/2]) (the GPT-NeoX layout): "
                "this kata pins the interleaved pairs (x[..., 2i], x[..., 2i + 1])",
            ),
            (
                rope_oracle(x, pos, base**0.5),
                "the frequencies are base^(-i/d) instead of base^(-2i/d): the factor 2 is missing",
            ),
            (
                rope_oracle(x, pos + 1, base),
                "the positions start at 1: by default row t is at position t, starting at 0",
            ),
            (x, "apply_rope returned x unchanged: every pair must be rotated by pos * theta_i"),
            (
                swapped_rope(x, pos, base),
                "cos and sin are swapped in the rotation: (a, b) -> (a cos phi - b sin phi, "
                "a sin phi + b cos phi), with cos phi on a in the first component",
            ),
            (
                aliased_rope(x, pos, base),
                "the second component of each pair was computed from the already rotated "
                "first one (a view such as out[..., 0::2] was overwritten before "
                "a sin + b cos read it): compute both new components from the original pairs",
            ),
        ]
        + (
            [
                (
                    rope_oracle(x, np.trunc(pos), base),
                    "the positions were cast to integers (2.5 became 2): positions are any "
                    "real numbers, keep them float",
                )
            ]
            if positions is not None and not np.all(pos == np.trunc(pos))
            else []
        )
        + (
            [(rope_oracle(x, None, base), "the positions argument is ignored (0..T-1 was used)")]
            if positions is not None
            else []
        )
        + (
            [(rope_oracle(x, positions), f"base={base} is ignored (10000 was used)")]
            if base != 10000.0
            else []
        )
    )


def check_rope(x, positions=None, base=10000.0, what=""):
    kwargs = {} if positions is None else {"positions": positions}
    if base != 10000.0:
        kwargs["base"] = base
    with inputs_unchanged("apply_rope", x=x):
        got = np.asarray(mod.apply_rope(x, **kwargs))
    expected = rope_oracle(x, positions, base)
    assert got.dtype == np.float64, f"{what}apply_rope returned dtype {got.dtype}, not float64"
    assert got.shape == expected.shape, (
        f"{what}apply_rope returned shape {got.shape}, expected x's"
    )
    # An angle pos * theta is only known to about one ulp of pos (1e-10 at pos = 1e6), and
    # correct code may compute it in another order (pos / base^(2i/d), exp of a log, ...).
    pos_max = np.max(np.abs(positions)) if positions is not None else x.shape[-2]
    atol = 1e-12 + 1e-14 * float(pos_max) * float(np.max(np.abs(x)))
    if not np.allclose(got, expected, rtol=1e-10, atol=atol):
        for wrong, name in rope_mistakes(x, positions, base):
            if np.shape(wrong) == got.shape and np.allclose(got, wrong, rtol=1e-10, atol=atol):
                pytest.fail(what + name)
        xf = np.asarray(x, dtype=float)
        if not np.allclose(
            np.hypot(got[..., 0::2], got[..., 1::2]),
            np.hypot(xf[..., 0::2], xf[..., 1::2]),
            rtol=1e-9,
            atol=atol,
        ):
            pytest.fail(
                f"{what}a pair (x[2i], x[2i+1]) changed its length: the formula is not a "
                "rotation. Check it term by term: (a, b) -> (a cos phi - b sin phi, "
                "a sin phi + b cos phi), with the same phi in all four terms"
            )
    np.testing.assert_allclose(
        got,
        expected,
        rtol=1e-10,
        atol=atol,
        err_msg=f"{what}apply_rope differs from rotating each pair (x[2i], x[2i+1]) by "
        "pos * base^(-2i/d)",
    )
    return got


# --- sinusoidal ---------------------------------------------------------------------------------


def test_sinusoidal_worked_example():
    got = np.asarray(mod.sinusoidal_encoding(2, 4))
    by_hand = np.array(
        [[0.0, 1.0, 0.0, 1.0], [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)]]
    )
    if got.shape == (2, 4) and np.allclose(got[0], [1.0, 0.0, 1.0, 0.0]):
        pytest.fail(
            "position 0 is [1, 0, 1, 0]: sin and cos are swapped (the even columns hold the "
            "sine, so position 0 is [0, 1, 0, 1])"
        )
    check_table(2, 4)  # names the classic mistakes first
    np.testing.assert_allclose(
        got[0],
        [0.0, 1.0, 0.0, 1.0],
        atol=1e-15,
        err_msg="position 0 must be [sin 0, cos 0, sin 0, cos 0] = [0, 1, 0, 1]: sine on the "
        "even columns, cosine on the odd ones",
    )
    np.testing.assert_allclose(got, by_hand, rtol=1e-12, err_msg="sinusoidal_encoding(2, 4)")


@pytest.mark.parametrize("n_positions, d_model", [(50, 16), (7, 6), (128, 64)])
def test_sinusoidal_matches_the_published_formula(n_positions, d_model):
    check_table(n_positions, d_model)


def test_sinusoidal_with_an_odd_width_ends_with_a_sine():
    check_table(9, 5)


def test_sinusoidal_single_position_and_single_column():
    check_table(1, 8)
    check_table(4, 1)


def test_sinusoidal_bad_sizes_are_value_errors():
    mod.sinusoidal_encoding(3, 4)
    for bad in [(0, 4), (3, 0), (3.0, 4), (3, -2)]:
        with pytest.raises(ValueError, match=r"n_positions|d_model"):
            mod.sinusoidal_encoding(*bad)


# --- RoPE: by hand ----------------------------------------------------------------------------


def test_rope_worked_example_in_two_dimensions():
    # d = 2, theta_0 = 1: row t is (1, 0) turned counter-clockwise by t radians.
    x = np.tile([1.0, 0.0], (3, 1))
    got = np.asarray(mod.apply_rope(x))
    if got.shape == (3, 2) and np.allclose(got[1], [math.cos(1), -math.sin(1)]):
        pytest.fail(
            "(1, 0) at position 1 became (cos 1, -sin 1): the rotation goes the wrong way. "
            "(a, b) -> (a cos phi - b sin phi, a sin phi + b cos phi)"
        )
    check_rope(x, what="d = 2: ")
    np.testing.assert_allclose(got[0], [1.0, 0.0], atol=1e-15, err_msg="position 0 is not rotated")


def test_rope_second_pair_turns_by_pos_over_100():
    # d = 4: theta_1 = 10000^(-2/4) = 1/100, so pair 1 of the row at position 50 turns by 0.5.
    x = np.zeros((51, 4))
    x[:, 0] = x[:, 2] = 1.0
    got = check_rope(x, what="d = 4: ")
    np.testing.assert_allclose(
        got[50, 2:],
        [math.cos(0.5), math.sin(0.5)],
        rtol=1e-12,
        err_msg="d = 4, position 50: pair 1 turns by 50 * 10000^(-2/4) = 0.5 radian",
    )


# --- RoPE: against the formula and its properties ---------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_rope_matches_the_formula(seed):
    x = np.random.default_rng(seed).normal(size=(6, 8))
    check_rope(x)


def test_rope_preserves_the_norm_of_every_pair():
    x = np.random.default_rng(3).normal(size=(2, 10, 8)) * 3.0
    got = np.asarray(mod.apply_rope(x))
    pair_norms = np.hypot(x[..., 0::2], x[..., 1::2])
    got_norms = np.hypot(got[..., 0::2], got[..., 1::2])
    np.testing.assert_allclose(
        np.linalg.norm(got, axis=-1),
        np.linalg.norm(x, axis=-1),
        rtol=1e-12,
        err_msg="RoPE is a rotation: it must keep the norm of every row",
    )
    if not np.allclose(got_norms, pair_norms, rtol=1e-12):
        pytest.fail(
            "RoPE kept each row's norm but not the norm of each pair (x[2i], x[2i+1]): the "
            "rotated pairs are not the adjacent ones"
        )


def test_rope_scores_depend_only_on_the_relative_position():
    # <rope(q, m), rope(k, n)> = q^T R(m)^T R(n) k = q^T R(n - m) k: shifting both positions
    # by the same amount leaves the score unchanged.
    rng = np.random.default_rng(4)
    q, k = rng.normal(size=8), rng.normal(size=8)

    def score(m, n):
        rq = np.asarray(mod.apply_rope(q[None, :], positions=[m]))[0]
        rk = np.asarray(mod.apply_rope(k[None, :], positions=[n]))[0]
        return float(rq @ rk)

    for m, n in [(0, 3), (5, 2)]:
        expected = float(rope_oracle(q[None, :], [m])[0] @ rope_oracle(k[None, :], [n])[0])
        if math.isclose(score(m, n), float(q @ k), rel_tol=1e-9):
            pytest.fail(
                f"<rope(q, {m}), rope(k, {n})> equals <q, k>: the positions argument is "
                "ignored (or q and k were not rotated)"
            )
        assert math.isclose(score(m, n), expected, rel_tol=1e-9, abs_tol=1e-12), (
            f"<rope(q, {m}), rope(k, {n})> is not the score of the rotated vectors"
        )
    for m, n in [(0, 3), (5, 2), (7, 7)]:
        for shift in (1, 10, 1000):
            assert math.isclose(
                score(m, n), score(m + shift, n + shift), rel_tol=1e-9, abs_tol=1e-9
            ), (
                f"<rope(q, {m}), rope(k, {n})> != <rope(q, {m + shift}), rope(k, {n + shift})>: "
                "RoPE scores must depend only on the relative position n - m (rotate every "
                "pair by pos * theta_i, the same theta_i for q and k)"
            )
    # and not only on |n - m|: the rotation has a direction.
    assert not math.isclose(score(0, 3), score(3, 0), rel_tol=1e-6), (
        "<rope(q, 0), rope(k, 3)> equals <rope(q, 3), rope(k, 0)>: with a rotation, the "
        "score depends on the sign of n - m"
    )
    expected = float(rope_oracle(q[None, :], [0])[0] @ rope_oracle(k[None, :], [3])[0])
    assert math.isclose(score(0, 3), expected, rel_tol=1e-9), "the score at (0, 3) is off"


def test_rope_default_positions_are_0_to_T_minus_1():
    x = np.random.default_rng(5).normal(size=(5, 4))
    default = np.asarray(mod.apply_rope(x))
    explicit = np.asarray(mod.apply_rope(x, positions=np.arange(5)))
    np.testing.assert_allclose(
        default, explicit, rtol=1e-12, err_msg="positions=None must mean 0, 1, ..., T - 1"
    )


def test_rope_uses_the_given_positions():
    x = np.random.default_rng(6).normal(size=(4, 6))
    positions = np.array([3.0, 0.0, 17.0, 2.5])  # any real numbers, in any order
    got = check_rope(x, positions=positions, what="with positions [3, 0, 17, 2.5]: ")
    np.testing.assert_allclose(
        got[1], x[1], rtol=1e-12, err_msg="a row at position 0 is not rotated"
    )


def test_rope_honours_the_base():
    x = np.random.default_rng(7).normal(size=(5, 6))
    check_rope(x, base=100.0, what="with base = 100: ")


@pytest.mark.parametrize("batch", [(3,), (2, 4)], ids=["3-D", "4-D"])
def test_rope_batch_dimensions(batch):
    # Positions run along axis -2 for every leading index (batch, heads).
    x = np.random.default_rng(8).normal(size=(*batch, 5, 4))
    check_rope(x, what=f"with x of shape {x.shape}: ")


def test_rope_a_single_position():
    x = np.random.default_rng(9).normal(size=(2, 1, 6))
    got = check_rope(x, what="T = 1: ")
    np.testing.assert_allclose(got, x, rtol=1e-12, err_msg="T = 1: position 0 is the identity")


def test_rope_large_positions_are_finite():
    x = np.random.default_rng(10).normal(size=(3, 8))
    got = check_rope(x, positions=[1e4, 5e5, 1e6], what="at positions up to 1e6: ")
    assert np.all(np.isfinite(got))


# --- inputs and bad input ----------------------------------------------------------------------


def test_inputs_are_not_modified():
    x = np.random.default_rng(11).normal(size=(4, 6))
    positions = np.array([0.0, 1.0, 2.0, 5.0])
    with inputs_unchanged("apply_rope", x=x, positions=positions):
        mod.apply_rope(x, positions=positions)


def test_integer_input_gives_float64():
    got = np.asarray(mod.apply_rope(np.arange(8).reshape(2, 4)))
    assert got.dtype == np.float64, f"apply_rope returned dtype {got.dtype}, expected float64"


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"x": np.ones((3, 5))}, "even"),
        ({"x": np.ones(4)}, "dimensions"),
        ({"x": np.ones((3, 4)), "positions": [0, 1]}, "positions"),
        ({"x": np.ones((3, 4)), "base": 0.0}, "base"),
        ({"x": np.ones((3, 4)), "positions": [0, np.nan, 2]}, "NaN"),
    ],
    ids=["odd d", "1-D", "positions length", "base", "NaN position"],
)
def test_rope_bad_input_is_a_value_error(kwargs, match):
    mod.apply_rope(np.ones((3, 4)))
    with pytest.raises(ValueError, match=match):
        mod.apply_rope(**kwargs)
