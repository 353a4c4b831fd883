"""What the endpoint functions share: settings, app factory, auth, models, domain logic, store."""
