package io.tender.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void orderedIdsHaveTheRandomIdsFormSortByTheirMillisecondAndDoNotRepeat() throws Exception {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            made.add(Ids.ordered("pay"));
            Thread.sleep(2); // ids of one millisecond sort in no particular order
        }
        assertThat(made).allSatisfy(id -> assertThat(id).matches("pay_[a-z2-7]{24}"));
        assertThat(made).isSortedAccordingTo(String::compareTo);

        HashSet<String> distinct = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            distinct.add(Ids.ordered("wh"));
        }
        assertThat(distinct).hasSize(100_000);
        assertThat(Ids.next("lnk")).matches("lnk_[a-z2-7]{24}");
    }

    @Test
    void everyRandomCharacterTakesAllThirtyTwoValues() {
        List<java.util.Set<Character>> seenByPosition = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            seenByPosition.add(new HashSet<>());
        }
        for (int n = 0; n < 10_000; n++) {
            String random = Ids.next("key").substring(4);
            String ordered = Ids.ordered("pay").substring(14);
            for (int i = 0; i < 24; i++) {
                seenByPosition.get(i).add(random.charAt(i));
            }
            for (int i = 0; i < 14; i++) {
                seenByPosition.get(i).add(ordered.charAt(i));
            }
        }
        assertThat(seenByPosition).allSatisfy(seen -> assertThat(seen).hasSize(32));
    }

    @Test
    void theRandomPartOfOrderedIdsVaries() {
        String first = Ids.ordered("pay");
        String second = Ids.ordered("pay");
        assertThat(first.substring(14)).isNotEqualTo(second.substring(14));
    }
}
