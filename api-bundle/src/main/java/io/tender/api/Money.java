package io.tender.api;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money: whole minor units (cents, pence, yen) of one ISO-4217 currency.
 *
 * <p>There is no floating point anywhere in Tender's handling of money; arithmetic is only
 * defined between amounts of the same currency and fails loudly on overflow.
 *
 * @param minorUnits the amount in the currency's minor unit, e.g. {@code 2000} for 20.00 EUR
 * @param currency   the ISO-4217 currency
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * @param minorUnits the amount in minor units
     * @param currencyCode an ISO-4217 code such as {@code EUR}
     * @return the amount
     * @throws IllegalArgumentException if the code is not an ISO-4217 currency
     */
    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    /** @return a zero amount of the currency */
    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * @param code an ISO-4217 code, upper case
     * @return the currency
     * @throws IllegalArgumentException if the code is not a known ISO-4217 currency
     */
    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be a three-letter ISO-4217 code in upper case, got '" + code + "'");
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO-4217 currency");
        }
    }

    /** @return true if the amount is greater than zero */
    public boolean isPositive() {
        return minorUnits > 0;
    }

    /** @return this amount plus {@code other} */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    /** @return this amount minus {@code other} */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    /** @return the amount in major units for display, e.g. {@code 20.00 EUR} */
    @Override
    public String toString() {
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(minorUnits, digits).toPlainString() + " " + currency.getCurrencyCode();
    }
}
