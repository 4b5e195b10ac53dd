from cpsplatform.access import Public

ACCESS_RULES = {
    # Load balancers and uptime monitors ask without logging in; it answers service states, no user data.
    "health:healthz": Public(),
}
