"""The fixed demo accounts that the README and the checks rely on."""

from partnership.accounts.models import User
from partnership.core.roles import Role
from partnership.extensions import db

DEMO_PASSWORD = "partnership-demo-2025"  # the demo accounts' published password (README)  # noqa: S105

# (username, role, organisation key)
DEMO_ACCOUNTS = [
    ("admin", Role.admin, None),
    ("coordinator", Role.coordinator, None),
    ("management", Role.management, None),
    ("liaison.ugs", Role.liaison, "ugs"),
    ("liaison.msu", Role.liaison, "msu"),
    ("liaison.osh", Role.liaison, "osh"),
]

FULL_NAMES = {
    "admin": "Bahodir Islomov",
    "coordinator": "Dilnoza Rahimova",
    "management": "Sherzod Karimov",
    "liaison.ugs": "Gulnora Toʻxtayeva",
    "liaison.msu": "Батбаяр Должин",
    "liaison.osh": "Айбек Мамытов",
}

# (username, the demo guide it belongs to): after the sites, whose guides they are.
GUIDE_ACCOUNTS = [("guide.kalmakyr", "Rustam Xolmatov")]


def load(ctx) -> None:
    password_user = User(password_hash="")
    password_user.set_password(DEMO_PASSWORD)  # hash once: scrypt is slow on purpose
    for username, role, organisation_key in DEMO_ACCOUNTS:
        user = User(
            username=username,
            full_name=FULL_NAMES[username],
            email=f"{username}@partnership.example",
            role=role,
            organisation=ctx.orgs[organisation_key] if organisation_key else None,
            password_hash=password_user.password_hash,
        )
        db.session.add(user)
        ctx.users[username] = user
    db.session.flush()


def load_guides(ctx) -> None:
    """The guides' accounts (the sites' demo has made the guides), with the demo password."""
    password_hash = ctx.users["admin"].password_hash
    for username, guide_name in GUIDE_ACCOUNTS:
        guide = ctx.guides[guide_name]
        user = User(
            username=username,
            full_name=guide.name,
            email=guide.email or f"{username}@partnership.example",
            role=Role.guide,
            guide_id=guide.id,
            password_hash=password_hash,
        )
        db.session.add(user)
        ctx.users[username] = user
    db.session.flush()
