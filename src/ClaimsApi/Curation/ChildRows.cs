namespace ClaimsApi.Curation;

/// <summary>Child rows of a record (evidence, aliases, paragraphs …) replaced as a whole by a write.</summary>
public static class ChildRows
{
    /// <summary>Makes <paramref name="existing"/> equal to <paramref name="desired"/>, keeping the rows whose key stays (so EF updates rather than deletes and re-inserts them).</summary>
    public static void Replace<T, TKey>(List<T> existing, List<T> desired, Func<T, TKey> key) where TKey : notnull
    {
        var wanted = desired.ToDictionary(key);
        existing.RemoveAll(e => !wanted.ContainsKey(key(e)));
        foreach (var item in desired)
        {
            var index = existing.FindIndex(e => EqualityComparer<TKey>.Default.Equals(key(e), key(item)));
            if (index < 0)
            {
                existing.Add(item);
            }
            else
            {
                CopyValues(existing[index], item);
            }
        }
    }

    private static void CopyValues<T>(T target, T source)
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite))
        {
            property.SetValue(target, property.GetValue(source));
        }
    }
}
