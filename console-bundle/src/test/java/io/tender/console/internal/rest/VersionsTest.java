package io.tender.console.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.TenderException;
import io.tender.api.TenderException.Reason;
import org.junit.jupiter.api.Test;

/** If-Match as RFC 9110 reads it: *, or entity tags compared strongly. */
class VersionsTest {

    @Test
    void anyVersionWithoutHeaderOrStar() {
        assertThat(Versions.expected(null)).isNull();
        assertThat(Versions.expected(" * ")).isNull();
    }

    @Test
    void theVersionOfAStrongTag() {
        assertThat(Versions.expected("\"3\"")).isEqualTo(3L);
        assertThat(Versions.expected("\"3\", W/\"4\"")).as("a weak tag matches nothing").isEqualTo(3L);
    }

    @Test
    void tagsThatCanMatchNoVersionFailThePrecondition() {
        assertRefused("W/\"3\"", Reason.PRECONDITION_FAILED);
        assertRefused("\"abc\"", Reason.PRECONDITION_FAILED);
    }

    @Test
    void aHeaderThatIsNoListOfTagsIsABadRequest() {
        assertRefused("3", Reason.INVALID);
        assertRefused("\"3\", \"4\"", Reason.INVALID);
    }

    private static void assertRefused(String ifMatch, Reason reason) {
        assertThatThrownBy(() -> Versions.expected(ifMatch)).isInstanceOfSatisfying(TenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.field()).isEqualTo("If-Match");
        });
    }
}
