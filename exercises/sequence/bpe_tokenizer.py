"""Kata sequence/bpe_tokenizer: Byte-level BPE tokenizer.

Difficulty 3 (hard), target time 45 minutes.

Byte-pair encoding (BPE), the tokenizer family of GPT-2 and most language models, starts
from the 256 byte values of UTF-8 text and learns merges: repeatedly, the most frequent
pair of adjacent tokens becomes one new token. Write a tokenizer class whose train learns
those merges from a text, whose encode turns any string into token ids by replaying the
merges, and whose decode turns ids back into the string. Because the base vocabulary is
every byte, any string at all can be encoded: no unknown token exists.

Math:
    train:  ids = list(text.encode("utf-8"))                    (values 0 .. 255)
            for new_id = 256, 257, ..., vocab_size - 1:
                count every adjacent pair (ids[i], ids[i + 1]), i = 0 .. len - 2
                (a, b) = the most frequent pair (on a tie, the smallest (a, b))
                replace its occurrences in ids by new_id, left to right
                merges_[(a, b)] = new_id;  bytes(new_id) = bytes(a) + bytes(b)
    encode: the text's UTF-8 bytes, then each merge of merges_ in training order
    decode: the concatenated bytes of the ids, decoded as UTF-8 with errors="replace"

Shapes: text is a str (possibly empty); encode returns a list of ints; decode takes a
sequence of ints (possibly empty) and returns a str.

Conventions:
- The base vocabulary is the 256 byte values: id i < 256 is the single byte i. The i-th
  merge creates id 256 + i. merges_ is a dict {(a, b): new_id} in merge order, set by
  train (which returns self); training again starts from scratch.
- No pre-tokenization: the whole text is one byte sequence (spaces and newlines are bytes
  like any other).
- Pairs are counted at every adjacent position, overlaps included: "aaa" has two (a, a).
- A merge replaces occurrences left to right without overlap: merging (a, a) turns
  "aaa" into [new, a] and "aaaa" into [new, new].
- Ties in the count go to the smallest pair, comparing (a, b) as tuples of ids.
- Training stops early when fewer than two tokens remain (no pair is left); a pair that
  occurs once is still merged.
- encode applies the merges in training order (merge 256 first, then 257, ...).
- decode joins the bytes of every id, then decodes the whole with
  bytes.decode("utf-8", errors="replace"): invalid UTF-8 becomes U+FFFD, never an error.
  For any str s, decode(encode(s)) == s.
- Errors (the stub checks all of them): text that is not a str and vocab_size that is not
  an integer >= 256 are ValueErrors; encode or decode before train raise NotFittedError;
  decode raises ValueError, naming ids, for an id outside 0 .. 255 + len(merges_).

Complexity: training O(M N) for M merges over N bytes (recount and rewrite the sequence
once per merge; a NumPy count per merge makes each pass vectorized); encode O(M n) for a
text of n bytes.

Pitfalls:
- Counting pairs without overlaps (str.count or bytes.count skip overlapping matches):
  "aaa" has two (a, a), not one.
- Merging overlapping occurrences: (a, a) in "aaa" gives [new, a], not [new, new] and not
  [a, new] (left to right).
- Breaking ties by first occurrence (Counter.most_common and max over a dict keep the first
  pair seen) instead of by the smallest pair.
- Encoding by greedy longest match over the vocabulary, or applying merges in another order
  (sorted by pair, by frequency in the new text): the merges are replayed in training order.
- Decoding token by token: a multi-byte character split across two tokens becomes two
  U+FFFD; join all the bytes first, decode once.
- Working on characters (str) instead of UTF-8 bytes: an emoji or an accent outside the
  training text then has no token.
- Stale state: a second train must not keep the first one's merges.

Worked example:
    text "aaabdaaabac" (a = 97, b = 98, c = 99, d = 100), vocab_size = 259:
    counts: (a, a) 4, (a, b) 2, and 1 for (b, d), (d, a), (b, a), (a, c)
    merge 1: (97, 97) -> 256: [256, a, b, d, 256, a, b, a, c]
    counts: (256, a) 2, (a, b) 2, ...: a tie, the smaller pair (97, 98) wins
    merge 2: (97, 98) -> 257: [256, 257, d, 256, 257, a, c]
    merge 3: (256, 257) -> 258: [258, d, 258, a, c]
    merges_ = {(97, 97): 256, (97, 98): 257, (256, 257): 258};
    encode("aaabdaaabac") = [258, 100, 258, 97, 99]; decode of it gives the text back.
    With one merge (vocab_size 257) trained on "aaa": encode("aaa") = [256, 97].

Run `pytest --kata sequence/bpe_tokenizer` to check your work; hints are in
hints/sequence/bpe_tokenizer.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

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

        raise NotImplementedError("train")

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

        raise NotImplementedError("encode")

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

        raise NotImplementedError("decode")
