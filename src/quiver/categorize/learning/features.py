"""Text features: TF-IDF over words and word bigrams (sublinear tf), the title counted several times."""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .corpus import Doc

TITLE_WEIGHT = 2  # the title is repeated: a title word says more about the asset than a body word
TOKEN_PATTERN = r"(?u)\b\w\w+\b"


def text_of(doc: Doc, title_weight: int = TITLE_WEIGHT) -> str:
    head = f"{doc.title}\n" * title_weight
    return head + doc.description + "\n" + "\n".join(text for _, text in doc.pages)


def vectorizer(n_docs: int) -> TfidfVectorizer:
    """Bigrams and words seen in at least two assets once the library is big enough to afford it."""
    return TfidfVectorizer(
        sublinear_tf=True,
        ngram_range=(1, 2),
        min_df=2 if n_docs >= 50 else 1,
        max_df=0.9 if n_docs >= 50 else 1.0,
        max_features=300_000,
        token_pattern=TOKEN_PATTERN,
        dtype=np.float64,
    )
