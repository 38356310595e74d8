package io.tender.api.sales;

import io.tender.api.Money;
import java.time.Instant;

/**
 * One change of a gift card's balance.
 *
 * @param sequence increasing per card
 * @param code     the card
 * @param type     {@code issued} or {@code redeemed}
 * @param amount   the amount (positive)
 * @param balance  the balance after it
 * @param at       when
 */
public record GiftCardMovement(long sequence, String code, String type, Money amount, Money balance, Instant at) {
}
