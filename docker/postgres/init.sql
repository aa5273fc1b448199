-- Runs once, when the postgres volume is first initialised. The API's own database (agent_runtime)
-- is POSTGRES_DB; Temporal's schema job creates temporal and temporal_visibility itself.
CREATE DATABASE keycloak;
