package io.tender.api.method;

import io.tender.api.Money;

/**
 * What a method decided to charge.
 *
 * @param amount      the amount, positive
 * @param description what the client sees at checkout
 */
public record Charge(Money amount, String description) {
}
