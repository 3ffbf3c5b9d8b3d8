"""Webhooks: Slack-compatible JSON payloads for lifecycle events, signed with HMAC-SHA256, delivered by a task
and retried with exponential backoff. See README, "Webhooks", for how a receiver verifies a request."""
