using System.Reflection;
using NUnit.Framework.Interfaces;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>
/// A test method as NUnit sees it, unchanged except that it also carries Hologram's command decorator
/// (<see cref="HologramRepeat"/>) among its <see cref="IRepeatTest"/> attributes, so NUnit wraps it around every attempt
/// of the test, outside set-up, tear-down and timeouts, and the <see cref="FailureCapture"/> wrapper as its innermost
/// <see cref="IWrapTestMethod"/>, next to the test body.
/// </summary>
internal sealed class HologramMethodInfo(IMethodInfo inner, NUnitRun run) : IMethodInfo
{
    private readonly HologramRepeat _repeat = new(run);

    public IMethodInfo Inner => inner;

    public ITypeInfo TypeInfo => inner.TypeInfo;

    public MethodInfo MethodInfo => inner.MethodInfo;

    public string Name => inner.Name;

    public bool IsAbstract => inner.IsAbstract;

    public bool IsPublic => inner.IsPublic;

    public bool IsStatic => inner.IsStatic;

    public bool ContainsGenericParameters => inner.ContainsGenericParameters;

    public bool IsGenericMethod => inner.IsGenericMethod;

    public bool IsGenericMethodDefinition => inner.IsGenericMethodDefinition;

    public ITypeInfo ReturnType => inner.ReturnType;

    public IParameterInfo[] GetParameters() => inner.GetParameters();

    public Type[] GetGenericArguments() => inner.GetGenericArguments();

    public IMethodInfo MakeGenericMethod(params Type[] typeArguments) => run.Wrap(inner.MakeGenericMethod(typeArguments));

    public object? Invoke(object? fixture, params object?[]? args) => inner.Invoke(fixture, args);

    public T[] GetCustomAttributes<T>(bool inherit)
        where T : class
    {
        var attributes = inner.GetCustomAttributes<T>(inherit);
        // The repeat decorator goes outermost (after the method's own); the failure capture innermost (first).
        return typeof(T) == typeof(IRepeatTest) ? [.. attributes, (T)(object)_repeat]
            : typeof(T) == typeof(IWrapTestMethod) ? [(T)FailureCapture.Wrapper, .. attributes]
            : attributes;
    }

    public bool IsDefined<T>(bool inherit)
        where T : class =>
        typeof(T) == typeof(IRepeatTest) || typeof(T) == typeof(IWrapTestMethod) || inner.IsDefined<T>(inherit);

    public override string ToString() => inner.ToString() ?? Name;
}
