"""Benchmark row of foundations/pairwise_distances: euclidean_distances(A, B) vs scikit-learn.

``A`` has the row's n samples, ``B`` a fixed 500 rows, so the (n, 500) result stays small
at every size and the time grows linearly in n.
"""

from kata.bench import Row, close, row

N_B = 500


@row("foundations/pairwise_distances")
class EuclideanDistances(Row):
    timed = "distances"
    slow_hint = (
        "an (n, m, d) array of differences (or a loop over pairs), where "
        "||a||^2 + ||b||^2 - 2 a.b needs one matrix product and O(n m) memory?"
    )

    def data(self, n, d, rng):
        return {"A": rng.standard_normal((n, d)) + 1.0, "B": rng.standard_normal((N_B, d))}

    def ours(self, mod, data):
        return lambda: mod.euclidean_distances(data["A"], data["B"])

    def sklearn(self, data):
        from sklearn.metrics.pairwise import euclidean_distances

        return lambda: euclidean_distances(data["A"], data["B"])

    def agree(self, yours, baseline, data):
        # The same expansion in float64 on both sides; distances are O(sqrt(d)), far from
        # 0, so the cancellation of the expansion costs nothing here.
        return close(yours, baseline, rtol=1e-10, what="distances")
