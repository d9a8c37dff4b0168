using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>Orders an epoch's examples into mini-batches: shuffled, optionally bucketed by length.</summary>
internal static class BatchPlanner
{
    /// <summary>Batches of example indices for one epoch. Draws from <paramref name="random"/> only when shuffling.</summary>
    public static List<int[]> Plan(int count, int batchSize, bool shuffle, bool bucketByLength, int poolBatches,
        Func<int, int> length, RandomGenerator random)
    {
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        if (shuffle)
        {
            random.Shuffle(order.AsSpan());
        }
        if (bucketByLength)
        {
            // Sort within pools so each batch holds similar lengths, but pools keep the shuffle's randomness.
            int pool = batchSize * poolBatches;
            for (int start = 0; start < count; start += pool)
            {
                int size = Math.Min(pool, count - start);
                int[] members = order[start..(start + size)];
                int[] lengths = new int[size];
                for (int i = 0; i < size; i++)
                {
                    lengths[i] = length(members[i]);
                }
                Array.Sort(lengths, members);
                members.CopyTo(order, start);
            }
        }
        var batches = new List<int[]>((count + batchSize - 1) / batchSize);
        for (int start = 0; start < count; start += batchSize)
        {
            batches.Add(order[start..Math.Min(count, start + batchSize)]);
        }
        if (bucketByLength && shuffle)
        {
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
        }
        return batches;
    }
}
