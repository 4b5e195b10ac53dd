"""Core of the cyber-physical security collaboration platform.

Holds the project configuration (settings, URLs, ASGI routing) and the platform-wide domain: accounts,
organisations and memberships, the audit trail, shared vocabularies, the home page and discussions. The core knows
nothing of the marketplace, events or matching apps; they depend on it, never the reverse.
"""
