package org.certbulletin.render;

import freemarker.ext.beans.ClassMemberAccessPolicy;
import freemarker.ext.beans.MemberAccessPolicy;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * What a template may call: the accessors of cert-bulletin's own view records and nothing else, so
 * a user's template cannot reach {@code getClass()}, reflection or any other Java API through the
 * model. Lists, maps, strings and numbers are FreeMarker values, not Java objects, in templates.
 */
final class ViewOnlyAccess implements MemberAccessPolicy {

  private static final String OURS = "org.certbulletin.";

  @Override
  public ClassMemberAccessPolicy forClass(Class<?> type) {
    boolean ours = type.getName().startsWith(OURS);
    return new ClassMemberAccessPolicy() {
      @Override
      public boolean isMethodExposed(Method method) {
        return ours
            && method.getDeclaringClass().getName().startsWith(OURS)
            && method.getParameterCount() == 0;
      }

      @Override
      public boolean isConstructorExposed(Constructor<?> constructor) {
        return false;
      }

      @Override
      public boolean isFieldExposed(Field field) {
        return false;
      }
    };
  }

  @Override
  public boolean isToStringAlwaysExposed() {
    return true;
  }
}
