using System.Reflection;

namespace MLNet.Recurrent.Data;

/// <summary>The object a cursor over row objects is positioned on, shared with the getters of its columns.</summary>
/// <typeparam name="TRow">The row class.</typeparam>
internal sealed class RowHolder<TRow>
    where TRow : class
{
    /// <summary>The current row object (null before the first row).</summary>
    public TRow? Current;

    /// <summary>The current row's position (for messages).</summary>
    public long Position = -1;
}

/// <summary>
/// One member of a row class bound to one column: reads the member into the column's raw type (objects → view)
/// or writes a column's value into the member (view → objects), through compiled accessors and a converter.
/// </summary>
/// <typeparam name="TRow">The row class.</typeparam>
internal abstract class MemberBinding<TRow>
    where TRow : class
{
    private protected MemberBinding(SchemaDefinition.Column column, Type memberType)
    {
        MemberName = column.MemberName;
        MemberType = memberType;
        ColumnName = column.ColumnName;
        ColumnType = column.ColumnType;
        Annotations = column.Annotations;
    }

    /// <summary>The field or property name.</summary>
    public string MemberName { get; }

    /// <summary>The member's .NET type.</summary>
    public Type MemberType { get; }

    /// <summary>The column name.</summary>
    public string ColumnName { get; }

    /// <summary>The column type declared for the member.</summary>
    public DataViewType ColumnType { get; }

    /// <summary>Annotations declared for the column.</summary>
    public Annotations? Annotations { get; }

    /// <summary>A ValueGetter of the column's raw type reading the member of <paramref name="holder"/>'s current object.</summary>
    /// <param name="holder">Where the cursor keeps its current object.</param>
    /// <param name="paramName">The argument named when a fixed-size vector member has the wrong length.</param>
    /// <returns>The getter.</returns>
    public abstract Delegate CreateGetter(RowHolder<TRow> holder, string paramName);

    /// <summary>An action that writes <paramref name="column"/>'s current value in <paramref name="row"/> into the member of an object.</summary>
    /// <param name="row">The source row (the column active).</param>
    /// <param name="column">The column, compatible with the member.</param>
    /// <returns>The writer.</returns>
    public abstract Action<TRow> CreateWriter(DataViewRow row, DataViewSchema.Column column);

    /// <summary>Binds <paramref name="member"/> to the column described by <paramref name="column"/>.</summary>
    /// <param name="member">The field or property.</param>
    /// <param name="memberType">Its type.</param>
    /// <param name="column">Column name and type (compatible with the member).</param>
    /// <param name="direction">Which accessors to compile.</param>
    /// <returns>The binding.</returns>
    public static MemberBinding<TRow> Create(MemberInfo member, Type memberType, SchemaDefinition.Column column, SchemaDefinition.Direction direction)
    {
        var type = typeof(MemberBinding<,,>).MakeGenericType(typeof(TRow), memberType, column.ColumnType.RawType);
        return (MemberBinding<TRow>)Activator.CreateInstance(type, member, memberType, column, direction)!;
    }
}

/// <summary>A <see cref="MemberBinding{TRow}"/> for a member of type <typeparamref name="TMember"/> and raw type <typeparamref name="TRaw"/>.</summary>
/// <typeparam name="TRow">The row class.</typeparam>
/// <typeparam name="TMember">The member's type.</typeparam>
/// <typeparam name="TRaw">The column's raw type.</typeparam>
internal sealed class MemberBinding<TRow, TMember, TRaw> : MemberBinding<TRow>
    where TRow : class
{
    private readonly Func<TRow, TMember>? _get;
    private readonly Action<TRow, TMember>? _set;
    private readonly MemberConverter<TMember, TRaw> _converter;
    private readonly int _fixedSize;

    public MemberBinding(MemberInfo member, Type memberType, SchemaDefinition.Column column, SchemaDefinition.Direction direction)
        : base(column, memberType)
    {
        bool readable = member is FieldInfo || ((PropertyInfo)member).GetMethod?.IsPublic == true;
        _get = readable ? MemberAccessors<TRow>.Getter<TMember>(member) : null;
        _set = direction.HasFlag(SchemaDefinition.Direction.Write) ? MemberAccessors<TRow>.Setter<TMember>(member) : null;
        _converter = (MemberConverter<TMember, TRaw>)MemberConverter.Create(memberType, typeof(TRaw));
        _fixedSize = column.ColumnType is VectorDataViewType { IsKnownSize: true } vector ? vector.Size : 0;
    }

    public override Delegate CreateGetter(RowHolder<TRow> holder, string paramName)
    {
        var get = _get ?? throw new InvalidOperationException($"Member '{MemberName}' is not readable.");
        ValueGetter<TRaw> getter = (ref TRaw value) =>
        {
            var row = holder.Current ?? throw new InvalidOperationException("The cursor is not on a row.");
            int count = _converter.ToRaw(get(row), ref value);
            if (_fixedSize > 0 && count != _fixedSize)
            {
                throw new SchemaMismatchException(paramName, ColumnName, ColumnType.ToString() ?? "?",
                    $"{count} items in member '{MemberName}' of row {holder.Position}");
            }
        };
        return getter;
    }

    public override Action<TRow> CreateWriter(DataViewRow row, DataViewSchema.Column column)
    {
        var set = _set ?? throw new InvalidOperationException($"Member '{MemberName}' is not writable.");
        var get = _get;
        var source = row.GetGetter<TRaw>(column);
        TRaw buffer = default!;
        return target =>
        {
            source(ref buffer);
            TMember member = get is null ? default! : get(target);
            _converter.FromRaw(buffer, ref member);
            set(target, member);
        };
    }
}
