"""明白账 chat: the deterministic Chinese language-understanding layer.

``understand(message)`` classifies one message (:data:`INTENTS`) and extracts the facts it
states (:class:`Facts`). No language model: NFKC normalisation, a small traditional→simplified
table, precompiled patterns and gazetteers, and cn2an on numeral spans our own patterns
extracted. The dialogue manager builds on this package; it never re-parses the text.
"""

from .amounts import AMOUNT_ROLES, Amount, extract_amounts, parse_amount, parse_number
from .dates import DateMention, find_dates
from .gazetteer import CITIES, DISTRICTS
from .intents import INTENTS, TOPICS
from .normalise import normalise
from .understand import POLICIES, Facts, Span, Understanding, policy_for, understand

__all__ = [
    "AMOUNT_ROLES",
    "Amount",
    "CITIES",
    "DISTRICTS",
    "DateMention",
    "Facts",
    "INTENTS",
    "POLICIES",
    "Span",
    "TOPICS",
    "Understanding",
    "extract_amounts",
    "find_dates",
    "normalise",
    "parse_amount",
    "parse_number",
    "policy_for",
    "understand",
]
