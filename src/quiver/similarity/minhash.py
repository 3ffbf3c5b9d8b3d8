"""MinHash signatures over word shingles (datasketch) and their LSH band keys.

Text is normalised (lower case, words only), cut into overlapping shingles of SHINGLE words; a signature holds
NUM_PERM hash values, and the fraction of equal values estimates the Jaccard similarity of two shingle sets.
For the LSH index the signature is cut into BANDS bands of ROWS values (datasketch's optimal split for an LSH
threshold of 0.7, below the 0.8 flag threshold so pairs near it are still found); two versions whose
signatures share any band key are candidates, scored exactly on their signatures afterwards."""

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SHINGLE = 4
BANDS, ROWS = 14, 9  # datasketch.lsh._optimal_param(0.7, 128, 0.5, 0.5)
SEED = 1
MIN_SHINGLES = 20  # shorter texts say too little to call two of them near-duplicates
MAX_WORDS = 200_000

_word = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _word.findall((text or "").lower())[:MAX_WORDS]
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> tuple[bytes, int]:
    """(signature bytes, number of distinct shingles)."""
    items = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    if items:
        mh.update_batch(list(items))
    return mh.hashvalues.astype("<u8").tobytes(), len(items)


def values(sig: bytes) -> np.ndarray:
    return np.frombuffer(sig, dtype="<u8")


def jaccard(a: bytes, b: bytes) -> float:
    va, vb = values(a), values(b)
    if len(va) != len(vb) or not len(va):
        return 0.0
    return float(np.count_nonzero(va == vb)) / len(va)


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per band: hash(band number, the band's values)."""
    vals = values(sig)
    keys = []
    for band in range(BANDS):
        chunk = vals[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys
