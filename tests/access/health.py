from tests.access.rules import Public

ACCESS_RULES = {
    # Load balancers and uptime monitors ask without logging in; anonymous callers learn only which parts are up
    # (vendors, backends and versions are for staff and HEALTHZ_TOKEN holders).
    "health:healthz": Public(),
    # Alive or not, nothing more: supervisors and bench/pages.py (its hello-world reference).
    "health:livez": Public(),
}
