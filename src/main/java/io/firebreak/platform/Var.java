package io.firebreak.platform;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * A typed process variable name, declared once in a {@code …Process} class so that delegates
 * and tests never repeat string literals (the camunda-bpm-data idea, without the dependency).
 *
 * @param <T> the Java type the variable holds
 */
public final class Var<T> {

  private final String name;
  private final Class<T> type;

  private Var(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  public static Var<String> string(String name) {
    return new Var<>(name, String.class);
  }

  public static Var<Boolean> bool(String name) {
    return new Var<>(name, Boolean.class);
  }

  public static Var<Integer> integer(String name) {
    return new Var<>(name, Integer.class);
  }

  public String name() {
    return name;
  }

  /** The value, or {@code null} when the variable is not set in this scope or above. */
  public T get(VariableScope scope) {
    return convert(scope.getVariable(name));
  }

  /** The value, or {@code fallback} when the variable is not set. */
  public T getOr(VariableScope scope, T fallback) {
    T value = get(scope);
    return value == null ? fallback : value;
  }

  /** The value; a missing value is a modelling error and says which variable is missing. */
  public T require(VariableScope scope) {
    T value = get(scope);
    if (value == null) {
      throw new IllegalStateException("process variable '" + name + "' is not set");
    }
    return value;
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  /** Puts the value into a map of variables handed to the engine (start, correlate, complete). */
  public void put(VariableMap variables, T value) {
    variables.putValue(name, value);
  }

  /** The value from a map of variables, e.g. the one a test or a REST call passes. */
  public T from(java.util.Map<String, ?> variables) {
    return convert(variables.get(name));
  }

  T convert(Object raw) {
    if (raw == null) {
      return null;
    }
    if (type.isInstance(raw)) {
      return type.cast(raw);
    }
    // DMN and forms may hand over Long/Double where we want Integer, or a String for a number.
    if (type == Integer.class) {
      if (raw instanceof Number n) {
        return type.cast(n.intValue());
      }
      return type.cast(Integer.valueOf(raw.toString().trim()));
    }
    if (type == Boolean.class) {
      return type.cast(Boolean.valueOf(raw.toString().trim()));
    }
    if (type == String.class) {
      return type.cast(raw.toString());
    }
    throw new IllegalStateException(
        "process variable '" + name + "' holds " + raw.getClass().getSimpleName() + ", expected " + type.getSimpleName());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Var<?> other && other.name.equals(name) && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type);
  }

  @Override
  public String toString() {
    return name;
  }
}
