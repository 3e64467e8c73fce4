package dev.catena.quarkus.deployment;

import dev.catena.core.runnable.Runnable;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.jboss.jandex.ParameterizedType;
import org.jboss.jandex.Type;
import org.jboss.jandex.TypeVariable;

import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The types a component bean is injectable as, with their generic parameters: a product class's
 * own type parameters stay type variables (so {@code Runnable} injects as any
 * {@code Runnable<I, O>}), and supertypes keep the arguments the product gives them. A runnable is
 * handed out wrapped with the application's callbacks, so it is injectable only as {@code Runnable}.
 */
final class BeanTypes {
    private BeanTypes() {}

    static List<Type> of(String className) {
        Class<?> product;
        try {
            product = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            return List.of(ClassType.create(DotName.createSimple(className)));
        }
        Map<Class<?>, Type> out = new LinkedHashMap<>();
        collect(product, product, out);
        out.remove(Object.class);
        if (Runnable.class.isAssignableFrom(product)) {
            return List.of(out.get(Runnable.class));
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The class a bean of {@code className} is created as: {@code Runnable} for a runnable, because
     * the runtime hands it out wrapped with the application's callbacks (not an instance of the
     * product class), else the product class itself.
     */
    static String implementation(String className) {
        try {
            Class<?> product = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return Runnable.class.isAssignableFrom(product) ? Runnable.class.getName() : className;
        } catch (ClassNotFoundException e) {
            return className;
        }
    }

    /** The raw classes of {@code product}'s bean types, for choosing default beans. */
    static List<Class<?>> classes(String className) {
        try {
            Class<?> product = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            Map<Class<?>, Type> out = new LinkedHashMap<>();
            collect(product, product, out);
            return new ArrayList<>(out.keySet());
        } catch (ClassNotFoundException e) {
            return List.of();
        }
    }

    private static void collect(java.lang.reflect.Type type, Class<?> raw, Map<Class<?>, Type> out) {
        if (raw == null || out.containsKey(raw)) return;
        out.put(raw, jandex(type));
        collect(raw.getGenericSuperclass(), raw.getSuperclass(), out);
        java.lang.reflect.Type[] generic = raw.getGenericInterfaces();
        Class<?>[] interfaces = raw.getInterfaces();
        for (int i = 0; i < interfaces.length; i++) collect(generic[i], interfaces[i], out);
    }

    private static Type jandex(java.lang.reflect.Type type) {
        return switch (type) {
            case Class<?> c when c.getTypeParameters().length > 0 -> {
                Type[] vars = new Type[c.getTypeParameters().length];
                for (int i = 0; i < vars.length; i++) vars[i] = TypeVariable.create(c.getTypeParameters()[i].getName());
                yield ParameterizedType.create(DotName.createSimple(c.getName()), vars, null);
            }
            case Class<?> c -> Type.create(DotName.createSimple(c.getName()), c.isPrimitive() ? Type.Kind.PRIMITIVE : c.isArray() ? Type.Kind.ARRAY : Type.Kind.CLASS);
            case java.lang.reflect.ParameterizedType p -> {
                java.lang.reflect.Type[] args = p.getActualTypeArguments();
                Type[] converted = new Type[args.length];
                for (int i = 0; i < args.length; i++) converted[i] = jandex(args[i]);
                yield ParameterizedType.create(DotName.createSimple(((Class<?>) p.getRawType()).getName()), converted, null);
            }
            case java.lang.reflect.TypeVariable<?> v -> TypeVariable.create(v.getName());
            case WildcardType w -> TypeVariable.create("W" + Integer.toHexString(System.identityHashCode(w)));
            default -> ClassType.OBJECT_TYPE;
        };
    }
}
