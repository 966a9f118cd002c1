package dev.weft.processor.validation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** {@code @SuppressWarnings} keys of Weft's own checks, as javac leaves them to processors. */
final class Suppressions {
    private Suppressions() {
    }

    /** Whether {@code @SuppressWarnings} on {@code e} or an element around it names {@code key}. */
    static boolean suppressedAround(Element e, String key) {
        for (Element around = e; around != null; around = around.getEnclosingElement()) {
            if (suppresses(around, key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code @SuppressWarnings} on {@code e} itself names {@code key}. */
    static boolean suppresses(Element e, String key) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            if (!((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals("java.lang.SuppressWarnings")) {
                continue;
            }
            for (AnnotationValue v : a.getElementValues().values()) {
                if (v.toString().contains("\"" + key + "\"")) {
                    return true;
                }
            }
        }
        return false;
    }
}
