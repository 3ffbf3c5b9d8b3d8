"""The fictional world of the demo library: one vendor, its products (products.py), markets and buyers
(market.py) and rivals (competitors.py), the deal stages and the topics its content covers.

Everything here is invented. The `.example` domain is reserved, so no link in the demo points at a real site."""

from .competitors import COMPETITORS, Competitor
from .market import INDUSTRIES, PERSONAS, Industry, Persona, customer_names, persona
from .products import PRODUCTS, Product, product

VENDOR = "Corvana"
VENDOR_SITE = "https://www.corvana.example"

STAGES = ("Prospecting", "Discovery", "Evaluation", "Proposal", "Negotiation", "Closing", "Expansion")

TOPICS = (
    "ROI",
    "Security",
    "Compliance",
    "AI",
    "Migration",
    "Integration",
    "Total cost of ownership",
    "Implementation",
    "Adoption",
    "Executive briefing",
)

__all__ = [
    "COMPETITORS",
    "INDUSTRIES",
    "PERSONAS",
    "PRODUCTS",
    "STAGES",
    "TOPICS",
    "VENDOR",
    "VENDOR_SITE",
    "Competitor",
    "Industry",
    "Persona",
    "Product",
    "customer_names",
    "persona",
    "product",
]
