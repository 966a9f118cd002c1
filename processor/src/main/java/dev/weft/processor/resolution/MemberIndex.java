package dev.weft.processor.resolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.util.Elements;

/** The members of a type by simple name, built once per type (looked up for every identifier). */
final class MemberIndex {
    final List<? extends Element> all;
    final Map<String, List<Element>> fields = new HashMap<>();
    final Map<String, List<Element>> methods = new HashMap<>();
    final Map<String, List<Element>> types = new HashMap<>();

    MemberIndex(List<? extends Element> all, Elements elements) {
        this.all = all;
        for (Element e : all) {
            Map<String, List<Element>> byName = e.getKind().isField() ? fields
                    : e.getKind() == ElementKind.METHOD ? methods
                    : e.getKind().isClass() || e.getKind().isInterface() ? types : null;
            if (byName != null) {
                byName.computeIfAbsent(e.getSimpleName().toString(), k -> new ArrayList<>()).add(e);
            }
        }
        for (Map<String, List<Element>> byName : List.of(fields, methods, types)) {
            for (List<Element> named : byName.values()) {
                if (named.size() > 1) {
                    // javac lists members a subclass hides (a static method of the same
                    // signature), which its name no longer means
                    List<Element> candidates = List.copyOf(named);
                    named.removeIf(hidden -> candidates.stream().anyMatch(hider -> elements.hides(hider, hidden)));
                }
            }
        }
    }
}
