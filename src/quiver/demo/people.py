"""Demo users (one per role and team, with known passwords), the collection tree and the grants.

The default groups come from the library migration: Marketing edits the whole library, Sales views it. The
partner sales group gets view grants on a few branches only, so it never sees Competitive or Pricing."""

from dataclasses import dataclass

from .world import COMPETITORS, INDUSTRIES, PRODUCTS


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    first_name: str
    last_name: str
    job: str
    group: str = ""  # a group joined instead of the role's default group

    @property
    def email(self) -> str:
        return f"{self.username}@corvana.example"


PARTNER_GROUP = "Partner Sales"

DEMO_USERS = (
    DemoUser("admin", "quiver-admin", "admin", "Alex", "Morgan", "Revenue operations lead"),
    DemoUser("maria", "quiver-editor", "editor", "Maria", "Lopez", "Product marketing manager"),
    DemoUser("sam", "quiver-editor", "editor", "Sam", "Okafor", "Competitive intelligence manager"),
    DemoUser("jun", "quiver-editor", "editor", "Jun", "Park", "Content marketing lead"),
    DemoUser("victor", "quiver-viewer", "viewer", "Victor", "Reyes", "Account executive"),
    DemoUser("priya", "quiver-viewer", "viewer", "Priya", "Nair", "Sales engineer"),
    DemoUser("paula", "quiver-viewer", "viewer", "Paula", "Jensen", "Channel partner manager", group=PARTNER_GROUP),
)

# Who owns (produced) the assets of each marketing team; repeated names own more.
TEAM_OWNERS = {"product": ("maria", "maria", "admin"), "competitive": ("sam",), "content": ("jun", "jun", "maria")}

TOP_LEVEL = (
    "Products",
    "Industries",
    "Customer stories",
    "Competitive",
    "Sales plays",
    "Pricing and proposals",
    "Templates",
    "Onboarding",
)

COLLECTIONS = (
    *TOP_LEVEL,
    *(f"Products/{p.name}" for p in PRODUCTS),
    *(f"Industries/{i.name}" for i in INDUSTRIES),
    *(f"Competitive/vs {c.name}" for c in COMPETITORS),
    "Sales plays/Net-new logos",
    "Sales plays/Expansion",
    "Sales plays/Renewal and retention",
    "Sales plays/Competitive displacement",
    "Sales plays/Partners",
    "Templates/Email templates",
    "Onboarding/New hire bootcamp",
    "Onboarding/Customer success",
)

DESCRIPTIONS = {
    "Products": "Everything about each product: decks, datasheets, one-pagers.",
    "Industries": "Material tailored to the markets we sell into.",
    "Customer stories": "Case studies and references, approved for external use.",
    "Competitive": "Battlecards and displacement material. Internal only.",
    "Sales plays": "Material grouped by the play you are running.",
    "Pricing and proposals": "Price lists and discount rules. Internal only.",
    "Templates": "Emails and documents to adapt and send.",
    "Onboarding": "Training for new sellers and material for new customers.",
}

# Partner sales see the external-facing branches only (no Competitive, no Pricing and proposals).
PARTNER_VIEW = ("Products", "Industries", "Customer stories", "Sales plays/Partners", "Onboarding")
