"""Phrase banks and a small seeded writer. Sentences are assembled from these banks and filled with the world's
facts and random figures, so every asset reads differently yet the whole library is reproducible from one seed."""

import random
import string

OPENERS = (
    "{industry} organisations are under pressure: {pain}.",
    "Ask any {persona} in {industry_lc} what keeps them up at night and you will hear about {pain}.",
    "In {year}, {pain} stopped being a nuisance and became a board-level topic.",
    "Most {industry_lc} teams we meet still fight {pain} with spreadsheets and heroics.",
    "The best {industry_lc} operators have learned that {pain} is a process problem, not a people problem.",
    "Every {persona} we spoke to this year named the same obstacle: {pain}.",
    "Growth in {industry_lc} now depends on how quickly teams can deal with {pain}.",
    "{pain_cap} costs the average mid-size {industry_lc} organisation more than {money} a year.",
)

VALUE_LINES = (
    "{product} helps teams {outcome} with {capability}.",
    "With {capability}, {product} lets you {outcome} without adding headcount.",
    "{product} combines {capability} and {capability2} in one place.",
    "Teams use {product} to {outcome}; most see results within {weeks} weeks.",
    "{product} replaces manual work with {capability}, so people can {outcome}.",
    "Because {product} ships with {capability2}, you can {outcome} from the first month.",
    "{product} is built for teams that need to {outcome} and {outcome2}.",
    "The difference is {capability}: it is what lets {industry_lc} teams {outcome}.",
)

PROOF_LINES = (
    "{customer} reports {metric_phrase} within {months} months.",
    "Customers report {metric_phrase} on average after the first year.",
    "At {customer}, {n} {units} went live in {weeks} weeks.",
    "{customer} retired {k} legacy tools and saved {money} a year.",
    "In a {year} survey of {n} customers, {pct}% said they would recommend {vendor} to a peer.",
    "{customer} now serves {n} {units} with the same team it had three years ago.",
    "Payback at {customer} came in month {months}.",
)

CTA_LINES = (
    "Book a 30-minute discovery call with your account team.",
    "Ask your account executive for a tailored ROI estimate.",
    "Start a guided evaluation on your own data.",
    "Join the next live product tour, every Tuesday at 10:00.",
    "Request a reference call with a {industry_lc} customer.",
    "Download the implementation checklist from the Quiver library.",
    "Invite your {persona} to an executive briefing.",
)

CHALLENGE_LINES = (
    "Before {vendor}, {customer} relied on {legacy} and a lot of late nights.",
    "The team at {customer} spent {hours} hours a week on work that added no value.",
    "As {customer} grew to {n} {units}, its processes did not keep up.",
    "{pain_cap} had become the main complaint in the annual staff survey at {customer}.",
    "An audit in {year} found {k} control gaps at {customer}, most caused by manual steps.",
    "Leadership at {customer} had no single view of {kpi} across {units}.",
)

SOLUTION_LINES = (
    "{customer} chose {product} after a {weeks}-week evaluation against {k} alternatives.",
    "The rollout started with one team and reached all {n} {units} in {months} months.",
    "{vendor}'s customer success team ran weekly working sessions with the project group.",
    "Integration with {integration} took {days} days using the pre-built connector.",
    "The team turned on {capability} first, then {capability2} once the first wins were visible.",
    "An internal champion in the {persona} office kept the project on the executive agenda.",
)

QUOTES = (
    "We stopped arguing about numbers and started acting on them.",
    "For the first time, I trust the report in front of me.",
    "The project paid for itself before the second quarter was over.",
    "My team got their evenings back.",
    "Our auditors asked what we had changed, because the questions simply went away.",
    "It felt less like installing software and more like gaining a team.",
    "We went from firefighting to planning.",
    "I would make the same decision again tomorrow.",
)

LEGACY = (
    "spreadsheets emailed between teams",
    "a home-grown Access database",
    "an ageing on-premises suite",
    "three disconnected point tools",
    "a shared drive full of macros",
    "a legacy Vantorix installation",
)

FIRST_NAMES = (
    "Dana",
    "Luis",
    "Amara",
    "Tomasz",
    "Keiko",
    "Rafael",
    "Ingrid",
    "Oluwaseun",
    "Marco",
    "Hannah",
    "Yusuf",
    "Claire",
    "Mateo",
    "Anika",
    "Declan",
    "Priyanka",
    "Sven",
    "Leila",
    "Grace",
    "Felix",
)
LAST_NAMES = (
    "Moreau",
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Brennan",
    "Sato",
    "Kowalski",
    "Alvarez",
    "Nguyen",
    "Fischer",
    "Adeyemi",
    "Costa",
    "Whitfield",
    "Marsh",
    "Rahman",
    "Ivanova",
    "Duarte",
    "Kerr",
)


class Writer:
    """A seeded random source with helpers for filling phrase templates."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def pick(self, seq):
        return self.rng.choice(seq)

    def sample(self, seq, k):
        return self.rng.sample(list(seq), min(k, len(seq)))

    def num(self, lo, hi):
        return self.rng.randint(lo, hi)

    def money(self, lo=80, hi=2400) -> str:
        value = self.num(lo, hi) * 1000
        return f"${value / 1e6:.1f} million" if value >= 1_000_000 else f"${value:,}"

    def person(self) -> str:
        return f"{self.pick(FIRST_NAMES)} {self.pick(LAST_NAMES)}"

    def fill(self, template: str, ctx: dict) -> str:
        """Fill a template; fields missing from ctx get fresh random figures."""
        values = dict(ctx)
        for _, name, _, _ in string.Formatter().parse(template):
            if name and name not in values:
                values[name] = self._random_field(name, ctx)
        return template.format(**values)

    def line(self, bank, ctx: dict) -> str:
        return self.fill(self.pick(bank), ctx)

    def lines(self, bank, ctx: dict, k: int) -> list[str]:
        return [self.fill(t, ctx) for t in self.sample(bank, k)]

    def paragraph(self, ctx: dict, *banks, k: int = 1) -> str:
        return " ".join(s for bank in banks for s in self.lines(bank, ctx, k))

    def _random_field(self, name: str, ctx: dict):
        randoms = {
            "n": lambda: self.num(4, 180),
            "k": lambda: self.num(2, 6),
            "weeks": lambda: self.num(3, 12),
            "months": lambda: self.num(3, 11),
            "days": lambda: self.num(2, 15),
            "hours": lambda: self.num(10, 60),
            "pct": lambda: self.num(82, 97),
            "year": lambda: self.num(2023, 2026),
            "money": self.money,
            "legacy": lambda: self.pick(LEGACY),
        }
        if name in randoms:
            return randoms[name]()
        raise KeyError(f"no value for {{{name}}} in demo template")
