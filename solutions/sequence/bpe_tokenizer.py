"""Reference solution for sequence/bpe_tokenizer.

The statement is in exercises/sequence/bpe_tokenizer.py.
"""

import numbers

import numpy as np

from kata.validation import NotFittedError, check_scalar


class BPETokenizer:
    """Byte-level byte-pair encoding: the 256 bytes, then merges learned from a text.

    Attributes
    ----------
    merges_ : dict of (int, int) -> int
        The learned merges in training order: the pair of token ids ``(a, b)`` becomes the
        new id ``256 + i`` at the i-th merge. Set by ``train``.

    Examples
    --------
    >>> tok = BPETokenizer().train("aaabdaaabac", vocab_size=259)
    >>> tok.merges_
    {(97, 97): 256, (97, 98): 257, (256, 257): 258}
    >>> tok.encode("aaabdaaabac")
    [258, 100, 258, 97, 99]
    >>> tok.decode(tok.encode("naïve 👍"))
    'naïve 👍'
    """

    def __init__(self):
        pass  # no hyperparameters: vocab_size is an argument of train

    def train(self, text, vocab_size):
        """Learn ``vocab_size - 256`` merges from ``text`` (fewer if the text runs out of pairs).

        Parameters
        ----------
        text : str
            The training text, encoded as UTF-8 bytes (no pre-tokenization).
        vocab_size : int >= 256
            The size of the final vocabulary: the 256 bytes plus the merges.

        Returns
        -------
        self : BPETokenizer
        """
        if not isinstance(text, str):
            raise ValueError(f"text must be a str, got {type(text).__name__}")
        check_scalar(vocab_size, "vocab_size", kind=int, low=256)

        ids = np.frombuffer(text.encode("utf-8"), dtype=np.uint8).astype(np.int64)
        merges = {}
        for new_id in range(256, vocab_size):
            if ids.size < 2:
                break  # a single token (or none) has no pair left to merge
            # Every adjacent position is a pair, overlaps included ("aaa" has two (a, a)).
            # The key a * vocab_size + b orders pairs exactly as the tuples (a, b) do, so
            # np.unique's sorted output with argmax (the first maximum) picks the most
            # frequent pair and, on a tie, the smallest one.
            keys = ids[:-1] * vocab_size + ids[1:]
            pairs, counts = np.unique(keys, return_counts=True)
            a, b = divmod(int(pairs[np.argmax(counts)]), vocab_size)
            ids = _merge(ids, a, b, new_id)
            merges[(a, b)] = new_id
        self.merges_ = merges
        self._vocab = [bytes([i]) for i in range(256)]
        for (a, b), _ in sorted(merges.items(), key=lambda item: item[1]):
            self._vocab.append(self._vocab[a] + self._vocab[b])
        return self

    def encode(self, text):
        """The token ids of ``text``: its UTF-8 bytes with the merges applied in training order.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of int
        """
        if getattr(self, "merges_", None) is None:
            raise NotFittedError("This BPETokenizer is not trained yet: call train before encode.")
        if not isinstance(text, str):
            raise ValueError(f"text must be a str, got {type(text).__name__}")

        ids = np.frombuffer(text.encode("utf-8"), dtype=np.uint8).astype(np.int64)
        # Replaying the merges in training order reproduces what training did to the same
        # bytes: a pair merged later can contain tokens made by earlier merges, never the
        # other way round.
        for (a, b), new_id in sorted(self.merges_.items(), key=lambda item: item[1]):
            if ids.size < 2:
                break
            ids = _merge(ids, a, b, new_id)
        return ids.tolist()

    def decode(self, ids):
        """The text of a list of token ids; invalid UTF-8 becomes U+FFFD (``errors='replace'``).

        Parameters
        ----------
        ids : sequence of int
            Token ids in ``0 .. 255 + len(merges_)``.

        Returns
        -------
        str
        """
        if getattr(self, "merges_", None) is None:
            raise NotFittedError("This BPETokenizer is not trained yet: call train before decode.")
        ids = list(ids)
        size = 256 + len(self.merges_)
        for i in ids:
            if isinstance(i, bool) or not isinstance(i, numbers.Integral) or not 0 <= i < size:
                raise ValueError(f"ids must be token ids in 0 .. {size - 1}, got {i!r}")

        # Join the bytes of ALL tokens first: one character's UTF-8 bytes may be split over
        # two tokens, so decoding token by token would garble it.
        return b"".join(self._vocab[i] for i in ids).decode("utf-8", errors="replace")


def _merge(ids, a, b, new_id):
    """Replace each occurrence of the pair (a, b) in ``ids`` by ``new_id``, left to right."""
    starts = np.flatnonzero((ids[:-1] == a) & (ids[1:] == b))
    if a == b and starts.size > 1:
        # In a run of equal tokens the occurrences overlap: "aaaa" has (a, a) at 0, 1, 2.
        # Left to right without overlap merges 0 and 2: within each run of consecutive
        # starts, keep those at an even distance from the run's first start.
        first = np.ones(starts.size, dtype=bool)
        first[1:] = starts[1:] != starts[:-1] + 1
        run_start = starts[np.maximum.accumulate(np.where(first, np.arange(starts.size), 0))]
        starts = starts[(starts - run_start) % 2 == 0]
    # (For a != b two occurrences cannot overlap: that would need ids[i + 1] == a == b.)
    out = ids.copy()
    out[starts] = new_id
    return np.delete(out, starts + 1)
