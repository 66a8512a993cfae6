// Whether a bot answers its customers (ACTIVE) or is switched off by its owner (PAUSED).
package app.botfactory.bots.domain;

public enum BotStatus { ACTIVE, PAUSED }
