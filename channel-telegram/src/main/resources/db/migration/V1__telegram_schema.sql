-- channel-telegram: schema `telegram` is created by Flyway (create-schemas); tables arrive with the service's issue.
SELECT 1;
