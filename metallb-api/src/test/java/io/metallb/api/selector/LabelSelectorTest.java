package io.metallb.api.selector;

import static io.metallb.api.selector.LabelRequirement.Operator.DOES_NOT_EXIST;
import static io.metallb.api.selector.LabelRequirement.Operator.EXISTS;
import static io.metallb.api.selector.LabelRequirement.Operator.IN;
import static io.metallb.api.selector.LabelRequirement.Operator.NOT_IN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {

    private static final Map<String, String> ZONE_A = Map.of("zone", "a", "rack", "r1");
    private static final Map<String, String> NO_LABELS = Map.of();

    static Stream<Arguments> requirements() {
        return Stream.of(
                // operator, values, labels, expected
                Arguments.of(IN, List.of("a", "b"), ZONE_A, true),
                Arguments.of(IN, List.of("b"), ZONE_A, false),
                Arguments.of(IN, List.of("a"), NO_LABELS, false),
                Arguments.of(NOT_IN, List.of("b"), ZONE_A, true),
                Arguments.of(NOT_IN, List.of("a", "b"), ZONE_A, false),
                Arguments.of(NOT_IN, List.of("a"), NO_LABELS, true),
                Arguments.of(EXISTS, List.of(), ZONE_A, true),
                Arguments.of(EXISTS, List.of(), NO_LABELS, false),
                Arguments.of(EXISTS, List.of(), Map.of("zone", ""), true),
                Arguments.of(DOES_NOT_EXIST, List.of(), ZONE_A, false),
                Arguments.of(DOES_NOT_EXIST, List.of(), NO_LABELS, true),
                Arguments.of(IN, List.of(""), Map.of("zone", ""), true));
    }

    @ParameterizedTest(name = "zone {0} {1} on {2} -> {3}")
    @MethodSource("requirements")
    void requirementMatchesAsKubernetes(LabelRequirement.Operator op, List<String> values,
            Map<String, String> labels, boolean expected) {
        LabelRequirement r = new LabelRequirement("zone", op, values);
        assertThat(r.matches(labels)).isEqualTo(expected);
        assertThat(new LabelSelector(Map.of(), List.of(r)).matches(labels)).isEqualTo(expected);
    }

    @Test
    void matchLabelsNeedEveryPairExactly() {
        LabelSelector s = LabelSelector.ofLabels(Map.of("zone", "a", "rack", "r1"));
        assertThat(s.matches(ZONE_A)).isTrue();
        assertThat(s.matches(Map.of("zone", "a", "rack", "r1", "extra", "x"))).isTrue();
        assertThat(s.matches(Map.of("zone", "a"))).isFalse();
        assertThat(s.matches(Map.of("zone", "a", "rack", "r2"))).isFalse();
        assertThat(s.matches(NO_LABELS)).isFalse();
    }

    @Test
    void labelsAndExpressionsAreAnded() {
        LabelSelector s = new LabelSelector(Map.of("zone", "a"),
                List.of(new LabelRequirement("rack", IN, List.of("r1", "r2")),
                        new LabelRequirement("maintenance", DOES_NOT_EXIST, List.of())));
        assertThat(s.matches(ZONE_A)).isTrue();
        assertThat(s.matches(Map.of("zone", "a", "rack", "r3"))).isFalse();
        assertThat(s.matches(Map.of("zone", "b", "rack", "r1"))).isFalse();
        assertThat(s.matches(Map.of("zone", "a", "rack", "r1", "maintenance", "yes"))).isFalse();
    }

    @Test
    void emptySelectorMatchesEverything() {
        assertThat(LabelSelector.EVERYTHING.isEmpty()).isTrue();
        assertThat(LabelSelector.EVERYTHING.matches(NO_LABELS)).isTrue();
        assertThat(LabelSelector.EVERYTHING.matches(ZONE_A)).isTrue();
        assertThat(new LabelSelector(Map.of(), List.of())).isEqualTo(LabelSelector.EVERYTHING);
        assertThat(LabelSelector.ofLabels(Map.of("a", "1")).isEmpty()).isFalse();
    }

    @Test
    void anyMatchesIsOrAndEmptyListMeansAll() {
        LabelSelector a = LabelSelector.ofLabels(Map.of("zone", "a"));
        LabelSelector b = LabelSelector.ofLabels(Map.of("zone", "b"));
        assertThat(LabelSelector.anyMatches(List.of(), NO_LABELS)).isTrue();
        assertThat(LabelSelector.anyMatches(List.of(), ZONE_A)).isTrue();
        assertThat(LabelSelector.anyMatches(List.of(b, a), ZONE_A)).isTrue();
        assertThat(LabelSelector.anyMatches(List.of(b), ZONE_A)).isFalse();
        // A list holding the empty selector ({} in YAML) matches everything, as in MetalLB.
        assertThat(LabelSelector.anyMatches(List.of(b, LabelSelector.EVERYTHING), NO_LABELS)).isTrue();
    }

    @Test
    void refusesInvalidRequirements() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LabelRequirement("zone", IN, List.of()))
                .withMessage("operator In on key \"zone\" needs at least one value");
        assertThatIllegalArgumentException().isThrownBy(() -> new LabelRequirement("zone", NOT_IN, List.of()))
                .withMessage("operator NotIn on key \"zone\" needs at least one value");
        assertThatIllegalArgumentException().isThrownBy(() -> new LabelRequirement("zone", EXISTS, List.of("a")))
                .withMessage("operator Exists on key \"zone\" takes no values");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LabelRequirement("zone", DOES_NOT_EXIST, List.of("a")))
                .withMessage("operator DoesNotExist on key \"zone\" takes no values");
        assertThatIllegalArgumentException().isThrownBy(() -> new LabelRequirement("", EXISTS, List.of()))
                .withMessage("selector key is empty");
        assertThatNullPointerException().isThrownBy(() -> new LabelRequirement(null, EXISTS, List.of()));
        assertThatNullPointerException().isThrownBy(() -> new LabelRequirement("zone", null, List.of()));
    }

    @Test
    void operatorWireNames() {
        assertThat(Stream.of(LabelRequirement.Operator.values()).map(LabelRequirement.Operator::wireName))
                .containsExactly("In", "NotIn", "Exists", "DoesNotExist");
        assertThat(LabelRequirement.Operator.fromWireName("NotIn")).isEqualTo(NOT_IN);
        assertThatIllegalArgumentException().isThrownBy(() -> LabelRequirement.Operator.fromWireName("Gt"))
                .withMessage("\"Gt\" is not a selector operator (expected: In, NotIn, Exists or DoesNotExist)");
        assertThatIllegalArgumentException().isThrownBy(() -> LabelRequirement.Operator.fromWireName("in"));
    }

    @Test
    void valuesAreCopied() {
        List<String> values = new java.util.ArrayList<>(List.of("a"));
        LabelRequirement r = new LabelRequirement("zone", IN, values);
        values.add("b");
        assertThat(r.values()).containsExactly("a");
        assertThat(r.matches(Map.of("zone", "b"))).isFalse();
    }

    @Test
    void textIsKubernetesStringWithRequirementsByKeyAndValuesSorted() {
        LabelSelector s = new LabelSelector(Map.of("rack", "r1", "app", "web"), List.of(
                new LabelRequirement("zone", NOT_IN, List.of("c", "a")),
                new LabelRequirement("gpu", EXISTS, List.of()),
                new LabelRequirement("maint", DOES_NOT_EXIST, List.of()),
                new LabelRequirement("tier", IN, List.of("front", "back"))));
        assertThat(s).hasToString("app=web,gpu,!maint,rack=r1,tier in (back,front),zone notin (a,c)");
        assertThat(new LabelRequirement("tier", IN, List.of("b", "a")))
                .hasToString(new LabelRequirement("tier", IN, List.of("a", "b")).toString());
        assertThat(LabelSelector.EVERYTHING).hasToString("<everything>");
    }
}
