using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Infrastructure.Input;

/// <summary>
/// A request record read from JSON holds what its C# declaration promises: a property not declared nullable is
/// present and not null, and a list holds no null items. Otherwise a 400 naming the property, instead of a
/// NullReferenceException deep in a handler.
/// </summary>
internal static class RequiredValues
{
    private sealed record Check(string Name, Func<object, object?> Get, bool NotNull, bool NoNullItems);

    public static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Assembly != typeof(RequiredValues).Assembly) return;
        var context = new NullabilityInfoContext();
        var checks = new List<Check>();
        foreach (var p in info.Properties)
        {
            if (p.Get is null || p.PropertyType.IsValueType) continue;
            var nullability = p.AttributeProvider switch
            {
                PropertyInfo pi => context.Create(pi),
                FieldInfo fi => context.Create(fi),
                _ => null,
            };
            if (nullability is null) continue;
            var item = nullability.ElementType ?? (nullability.GenericTypeArguments is [var only] && typeof(IEnumerable).IsAssignableFrom(p.PropertyType) ? only : null);
            var noNullItems = p.PropertyType != typeof(string) && item is { ReadState: NullabilityState.NotNull } && !item.Type.IsValueType;
            var notNull = nullability.ReadState == NullabilityState.NotNull;
            if (notNull || noNullItems) checks.Add(new Check(p.Name, p.Get, notNull, noNullItems));
        }
        if (checks.Count == 0) return;
        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var check in checks)
            {
                var v = check.Get(value);
                if (v is null)
                {
                    if (check.NotNull) throw new InvalidInput(check.Name, "不能为空。");
                    continue;
                }
                if (!check.NoNullItems || v is not IEnumerable items) continue;
                var i = 0;
                foreach (var x in items)
                {
                    if (x is null) throw new InvalidInput($"{check.Name}[{i}]", "不能为空。");
                    i++;
                }
            }
        };
    }
}
