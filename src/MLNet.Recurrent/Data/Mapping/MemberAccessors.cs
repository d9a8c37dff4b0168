using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace MLNet.Recurrent.Data;

/// <summary>
/// Compiled read and write delegates for the fields and properties of <typeparamref name="TRow"/>, built once per
/// member with expression trees and cached for the life of the process, so no reflection runs per row.
/// </summary>
/// <typeparam name="TRow">The row class.</typeparam>
internal static class MemberAccessors<TRow>
{
    private static readonly ConcurrentDictionary<MemberInfo, Delegate> Getters = new();
    private static readonly ConcurrentDictionary<MemberInfo, Delegate> Setters = new();

    /// <summary>row ↦ row.member.</summary>
    /// <typeparam name="TMember">The member's type.</typeparam>
    /// <param name="member">A field or readable property of <typeparamref name="TRow"/>.</param>
    /// <returns>The compiled getter.</returns>
    public static Func<TRow, TMember> Getter<TMember>(MemberInfo member)
        => (Func<TRow, TMember>)Getters.GetOrAdd(member, static m =>
        {
            var row = Expression.Parameter(typeof(TRow), "row");
            return Expression.Lambda<Func<TRow, TMember>>(Expression.MakeMemberAccess(row, m), row).Compile();
        });

    /// <summary>(row, value) ↦ row.member = value.</summary>
    /// <typeparam name="TMember">The member's type.</typeparam>
    /// <param name="member">A writable field or property of <typeparamref name="TRow"/>.</param>
    /// <returns>The compiled setter.</returns>
    public static Action<TRow, TMember> Setter<TMember>(MemberInfo member)
        => (Action<TRow, TMember>)Setters.GetOrAdd(member, static m =>
        {
            var row = Expression.Parameter(typeof(TRow), "row");
            var value = Expression.Parameter(typeof(TMember), "value");
            var assign = Expression.Assign(Expression.MakeMemberAccess(row, m), value);
            return Expression.Lambda<Action<TRow, TMember>>(assign, row, value).Compile();
        });
}
