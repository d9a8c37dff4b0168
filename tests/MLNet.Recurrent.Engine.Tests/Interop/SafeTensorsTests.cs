using MLNet.Recurrent.Engine.Tests.Testing;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Interop;

[Collection(SequentialGlobalStateCollection.Name)]
public class SafeTensorsTests
{
    // ---- helpers -------------------------------------------------------------------------------------------------

    /// <summary>A file from a header text and a data buffer, laid out as the reference writer does.</summary>
    private static byte[] Build(string header, ReadOnlySpan<byte> data, bool pad = true)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        int length = pad ? (json.Length + 7) & ~7 : json.Length;
        var bytes = new byte[8 + length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)length);
        json.CopyTo(bytes, 8);
        bytes.AsSpan(8 + json.Length, length - json.Length).Fill((byte)' ');
        data.CopyTo(bytes.AsSpan(8 + length));
        return bytes;
    }

    private static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }
        return bytes;
    }

    private static byte[] WriteToBytes(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var memory = new MemoryStream();
        SafeTensors.Write(memory, tensors, metadata);
        return memory.ToArray();
    }

    /// <summary>Reads through all three entry points (memory, seekable stream, non-seekable stream) and checks they agree.</summary>
    private static SafeTensorsFile ReadAllWays(byte[] bytes)
    {
        var fromSpan = SafeTensors.Read(bytes);
        var fromSeekable = SafeTensors.Read(new MemoryStream(bytes, writable: false));
        var fromPipe = SafeTensors.Read(new NonSeekableStream(bytes));
        foreach (var other in new[] { fromSeekable, fromPipe })
        {
            Assert.Equal(fromSpan.Tensors.Keys, other.Tensors.Keys);
            Assert.Equal(fromSpan.Metadata, other.Metadata);
            foreach (var (name, tensor) in fromSpan.Tensors)
            {
                Assert.Equal(tensor.Shape.ToArray(), other.Tensors[name].Shape.ToArray());
                Assert.Equal(tensor.ToArray(), other.Tensors[name].ToArray());
            }
        }
        return fromSpan;
    }

    /// <summary>Asserts every entry point rejects the bytes with <see cref="SafeTensorsFormatException"/>; returns the messages.</summary>
    private static string[] AssertMalformed(byte[] bytes, params string[] expectedFragments)
    {
        var errors = new[]
        {
            Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(bytes)),
            Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(new MemoryStream(bytes, writable: false))),
            Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(new NonSeekableStream(bytes))),
        };
        foreach (var error in errors)
        {
            foreach (string fragment in expectedFragments)
            {
                Assert.Contains(fragment, error.Message);
            }
        }
        return errors.Select(e => e.Message).ToArray();
    }

    private static byte[] ValidSample() => WriteToBytes(
        [
            new("weight_ih_l0", Tensor.FromArray([1, 2, 3, 4, 5, 6], 3, 2)),
            new("bias", Tensor.FromArray([-1.5f, 2.25f], 2)),
            new("scalar", Tensor.Scalar(7)),
            new("empty", Tensor.Zeros(0, 2)),
        ],
        new Dictionary<string, string> { ["format"] = "pt", ["note"] = "x" });

    // ---- round trips ---------------------------------------------------------------------------------------------

    [Fact]
    public void RoundTrip_PreservesValuesShapesOrderAndMetadata()
    {
        var rng = new RandomGenerator(3);
        var tensors = new List<KeyValuePair<string, Tensor>>
        {
            new("z_first", Tensor.Normal(rng, 0, 1, 2, 3, 4)),
            new("scalar", Tensor.Scalar(-0.125f)),
            new("empty", Tensor.Zeros(0, 3)),
            new("empty_inner", Tensor.Zeros(4, 0, 2)),
            new("vector", Tensor.FromArray([float.MaxValue, float.Epsilon, -0f, float.PositiveInfinity, float.NaN], 5)),
            new("ones", Tensor.Ones(1, 1, 1, 1)),
            new("transposed", Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3).T()),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["quote\"key"] = "ünïcode ✓ \n line", ["empty"] = "" };

        var file = ReadAllWays(WriteToBytes(tensors, metadata));

        Assert.Equal(tensors.Select(p => p.Key), file.Tensors.Keys);
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.Shape.ToArray(), file.Tensors[name].Shape.ToArray());
            Assert.Equal(tensor.ToArray().Select(BitConverter.SingleToInt32Bits), file.Tensors[name].ToArray().Select(BitConverter.SingleToInt32Bits));
        }
        Assert.Equal(0, file.Tensors["scalar"].Rank);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, file.Tensors["transposed"].ToArray());
        Assert.Equal(metadata.OrderBy(p => p.Key), file.Metadata.OrderBy(p => p.Key));
    }

    [Fact]
    public void RoundTrip_EmptyFileWithoutMetadata()
    {
        byte[] bytes = WriteToBytes([]);
        Assert.Equal(16, bytes.Length); // 8-byte prefix + "{}" padded to 8
        var file = ReadAllWays(bytes);
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void Write_FollowsReferenceLayout()
    {
        byte[] bytes = WriteToBytes(
            [new("b", Tensor.FromArray([1, 2], 2)), new("a", Tensor.Scalar(3))],
            new Dictionary<string, string> { ["k"] = "v" });

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, headerLength % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.StartsWith("{\"__metadata__\":{\"k\":\"v\"},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]}}", header);
        Assert.Equal(header.TrimEnd(' ').Length + header.Length - header.TrimEnd(' ').Length, header.Length);
        Assert.Equal(Floats(1, 2, 3), bytes[(8 + (int)headerLength)..]);
    }

    [Fact]
    public void Read_HandBuiltReferenceFile_DataOrderDiffersFromHeaderOrder()
    {
        // What PyTorch's safetensors writer produces: metadata first, compact JSON, space padding, and data sorted
        // by name, here listed in the header in another order.
        string header = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"weight_hh_l0\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[8,16]},"
            + "\"bias_hh_l0\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"empty\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[16,16]}}";
        var file = ReadAllWays(Build(header, Floats(0.5f, -0.5f, 1e-3f, 42f)));

        Assert.Equal(["bias_hh_l0", "weight_hh_l0", "empty"], file.Tensors.Keys);
        Assert.Equal(new[] { 0.5f, -0.5f }, file.Tensors["bias_hh_l0"].ToArray());
        Assert.Equal(new[] { 2, 1 }, file.Tensors["weight_hh_l0"].Shape.ToArray());
        Assert.Equal(new[] { 1e-3f, 42f }, file.Tensors["weight_hh_l0"].ToArray());
        Assert.Equal("pt", file.Metadata["format"]);
    }

    [Fact]
    public void Read_FileWrittenByPyTorch_MatchesValuesItRecorded()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", "interop", "torch_written.safetensors");
        var file = SafeTensors.Read(path);

        Assert.Equal("mlnet-interop-check/1", file.Metadata["format"]);
        Assert.Equal(new[] { 2, 3, 4 }, file.Tensors["arange"].Shape.ToArray());
        Assert.Equal(Enumerable.Range(0, 24).Select(i => i * 0.25f - 3), file.Tensors["arange"].ToArray());
        Assert.Equal(0, file.Tensors["scalar"].Rank);
        Assert.Equal(MathF.PI, file.Tensors["scalar"].ToScalar());
        Assert.Equal(new[] { 0, 3 }, file.Tensors["empty"].Shape.ToArray());
        int[] special = [0x00000000, unchecked((int)0x80000000), 0x7F800000, unchecked((int)0xFF800000), 0x00800000, 0x00000001, 0x7F7FFFFF, 0x7FC00000];
        Assert.Equal(special, file.Tensors["special"].ToArray().Select(BitConverter.SingleToInt32Bits));

        string[] lstm = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse"];
        Assert.Equal(new[] { 8, 3 }, file.Tensors["weight_ih_l0"].Shape.ToArray());
        Assert.Equal(new[] { 8, 2 }, file.Tensors["weight_hh_l0_reverse"].Shape.ToArray());
        foreach (string name in lstm)
        {
            float[] expected = JsonSerializer.Deserialize<double[]>(file.Metadata["expected." + name])!.Select(v => (float)v).ToArray();
            Assert.Equal(expected, file.Tensors[name].ToArray());
        }
        // The reference writer stores data sorted by name.
        Assert.Equal(file.Tensors.Keys.Order(StringComparer.Ordinal), file.Tensors.Keys);
    }

    // ---- atomic file writes --------------------------------------------------------------------------------------

    private static IEnumerable<KeyValuePair<string, Tensor>> ThrowsMidway()
    {
        yield return new("a", Tensor.Ones(1000));
        yield return new("b", Tensor.Ones(10));
        throw new InvalidOperationException("enumerator failed midway");
    }

    [Fact]
    public void WritePath_ReplacesAndLeavesNoTemporaryFile()
    {
        string directory = Directory.CreateTempSubdirectory("safetensors-").FullName;
        try
        {
            string path = Path.Combine(directory, "model.safetensors");
            SafeTensors.Write(path, [new("w", Tensor.Ones(3))]);
            SafeTensors.Write(path, [new("w", Tensor.Full(2, 4))], new Dictionary<string, string> { ["v"] = "2" });

            var file = SafeTensors.Read(path);
            Assert.Equal(new float[] { 2, 2, 2, 2 }, file.Tensors["w"].ToArray());
            Assert.Equal("2", file.Metadata["v"]);
            Assert.Equal([path], Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void WritePath_WhenEnumerationThrows_LeavesOldFileIntactAndNoTemporaryFile()
    {
        string directory = Directory.CreateTempSubdirectory("safetensors-").FullName;
        try
        {
            string path = Path.Combine(directory, "model.safetensors");
            SafeTensors.Write(path, [new("w", Tensor.FromArray([1, 2, 3], 3))]);
            byte[] before = File.ReadAllBytes(path);

            var error = Assert.Throws<InvalidOperationException>(() => SafeTensors.Write(path, ThrowsMidway()));
            Assert.Equal("enumerator failed midway", error.Message);
            Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [new("w", Tensor.Ones(1)), new("w", Tensor.Ones(1))]));

            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal([path], Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void WriteStream_WhenEnumerationThrows_WritesNothing()
    {
        using var memory = new MemoryStream();
        Assert.Throws<InvalidOperationException>(() => SafeTensors.Write(memory, ThrowsMidway()));
        Assert.Equal(0, memory.Length);
    }

    [Fact]
    public void Write_RejectsBadNamesAndNulls()
    {
        using var memory = new MemoryStream();
        var dup = Assert.Throws<ArgumentException>(() => SafeTensors.Write(memory, [new("x", Tensor.Ones(1)), new("x", Tensor.Ones(1))]));
        Assert.Contains("'x' twice", dup.Message);
        var reserved = Assert.Throws<ArgumentException>(() => SafeTensors.Write(memory, [new("__metadata__", Tensor.Ones(1))]));
        Assert.Contains("reserved", reserved.Message);
        var nullTensor = Assert.Throws<ArgumentNullException>(() => SafeTensors.Write(memory, [new("x", null!)]));
        Assert.Contains("'x'", nullTensor.Message);
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Write(memory, null!));
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(memory, [], new Dictionary<string, string> { ["k"] = null! }));
        Assert.Equal(0, memory.Length);
    }

    // ---- malformed input, one rule at a time ---------------------------------------------------------------------

    private const string Good = "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    private static byte[] Entry(string entryJson, int dataBytes = 8) => Build("{\"t\":" + entryJson + "}", new byte[dataBytes]);

    [Fact]
    public void Malformed_ShorterThanPrefix()
    {
        for (int n = 0; n < 8; n++)
        {
            AssertMalformed(new byte[n], "at least 8 bytes", $"got {n}");
        }
    }

    [Fact]
    public void Malformed_HeaderLengthBeyondFile()
    {
        byte[] bytes = Build(Good, new byte[8]);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)bytes.Length);
        var messages = AssertMalformed(bytes, "header", $"{bytes.Length}", "truncated");
        Assert.Contains("header length", messages[0]);
        Assert.Contains("header length", messages[1]);
    }

    [Theory]
    [InlineData(100_000_001UL)]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 63)]
    public void Malformed_HeaderLengthBeyondCap(ulong length)
    {
        byte[] bytes = Build(Good, new byte[8]);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, length);
        AssertMalformed(bytes, "at most 100000000 bytes", $"got {length}");
    }

    [Fact]
    public void Malformed_InvalidUtf8()
    {
        byte[] bytes = Build("{\"t\xFF\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]);
        int at = Array.IndexOf(bytes, (byte)'t', 8);
        bytes[at + 1] = 0xFF; // the UTF-8 encoder turned \xFF into a valid 2-byte sequence; break it
        AssertMalformed(bytes, "UTF-8", "offset");
    }

    [Theory]
    [InlineData("{\"t\":{\"dtype\":\"F32\",", "valid JSON")]
    [InlineData("{\"t\":[1,2,3]}", "expected an object")]
    [InlineData("[1,2,3]", "JSON object starting with '{'")]
    [InlineData(" {}", "JSON object starting with '{'")]
    [InlineData("{} {}", "valid JSON")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],}}", "valid JSON")]
    public void Malformed_NotTheExpectedJson(string header, string fragment)
    {
        AssertMalformed(Build(header, new byte[8]), fragment);
    }

    [Fact]
    public void Malformed_DeeplyNestedJson()
    {
        string nested = new string('[', 5000) + new string(']', 5000);
        AssertMalformed(Build("{\"t\":" + nested + "}", []), "valid JSON");
    }

    [Theory]
    [InlineData("{\"shape\":[2],\"data_offsets\":[0,8]}", "missing field 'dtype'")]
    [InlineData("{\"dtype\":\"F32\",\"data_offsets\":[0,8]}", "missing field 'shape'")]
    [InlineData("{\"dtype\":\"F32\",\"shape\":[2]}", "missing field 'data_offsets'")]
    [InlineData("{\"dtype\":32,\"shape\":[2],\"data_offsets\":[0,8]}", "field 'dtype' expected a string, got Number")]
    [InlineData("{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,8]}", "field 'shape' expected an array, got String")]
    [InlineData("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":{}}", "field 'data_offsets' expected an array, got Object")]
    [InlineData("{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", "field 'dtype', got it twice")]
    public void Malformed_MissingOrMistypedField(string entry, string fragment)
    {
        AssertMalformed(Entry(entry), "tensor 't'", fragment);
    }

    [Theory]
    [InlineData("[-2]", "shape[0] expected a non-negative integer, got -2")]
    [InlineData("[2.5]", "shape[0] expected a non-negative integer, got 2.5")]
    [InlineData("[1,2e0]", "shape[1] expected a non-negative integer, got 2e0")]
    [InlineData("[\"2\"]", "shape[0] expected a non-negative integer, got \"2\"")]
    [InlineData("[null]", "shape[0] expected a non-negative integer, got null")]
    [InlineData("[99999999999999999999999]", "shape[0] expected a non-negative integer")]
    [InlineData("[4294967296]", "shape[0] expected at most 2147483647, got 4294967296")]
    [InlineData("[2147483647,2147483647,4]", "holds more than")]
    [InlineData("[65536,65536,0]", "holds more than")]
    public void Malformed_BadShapeEntry(string shape, string fragment)
    {
        AssertMalformed(Entry("{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[0,8]}"), "tensor 't'", fragment);
    }

    [Theory]
    [InlineData("F64")]
    [InlineData("F16")]
    [InlineData("BF16")]
    [InlineData("I64")]
    [InlineData("U8")]
    [InlineData("f32")]
    public void Malformed_DtypeOtherThanF32_NamesTensorAndDtype(string dtype)
    {
        byte[] bytes = Build("{\"weight_ih_l0\":{\"dtype\":\"" + dtype + "\",\"shape\":[2],\"data_offsets\":[0,16]}}", new byte[16]);
        string[] messages = AssertMalformed(bytes);
        Assert.All(messages, m => Assert.Equal($"tensor 'weight_ih_l0': expected dtype F32, got {dtype}.", m));
    }

    [Theory]
    [InlineData("[3]", "[0,8]", 8, "needs 12 bytes, but data_offsets [0, 8] span 8")]
    [InlineData("[2]", "[8,0]", 8, "data_offsets [8, 0] expected end ≥ begin")]
    [InlineData("[2]", "[0,8,16]", 8, "expected 2 integers [begin, end], got 3 values")]
    [InlineData("[2]", "[0]", 8, "expected 2 integers [begin, end], got 1 values")]
    [InlineData("[2]", "[-8,0]", 8, "data_offsets[0] expected a non-negative integer, got -8")]
    [InlineData("[2]", "[0,8.0]", 8, "data_offsets[1] expected a non-negative integer, got 8.0")]
    [InlineData("[2]", "[0,18446744073709551615]", 8, "data_offsets[1] expected a non-negative integer")]
    [InlineData("[2]", "[8,16]", 16, "leave a hole: expected it to begin at 0")]
    [InlineData("[2]", "[16,24]", 24, "leave a hole")]
    [InlineData("[2]", "[0,8]", 4, "data buffer: expected 8 bytes as the header describes, got 4")]
    [InlineData("[2]", "[0,8]", 12, "4 trailing bytes belong to no tensor")]
    [InlineData("[0]", "[0,0]", 1, "trailing bytes")]
    public void Malformed_BadOffsetsOrDataLength(string shape, string offsets, int dataBytes, string fragment)
    {
        var messages = AssertMalformed(Entry("{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}", dataBytes));
        // The non-seekable reader cannot know the buffer length up front; it reports the same problem in its own words.
        if (fragment.StartsWith("data buffer", StringComparison.Ordinal))
        {
            Assert.Contains(fragment, messages[0]);
            Assert.Contains(fragment, messages[1]);
            Assert.Contains("truncated", messages[2]);
        }
        else if (fragment.Contains("trailing", StringComparison.Ordinal))
        {
            Assert.Contains(fragment, messages[0]);
            Assert.All(messages, m => Assert.Contains("trailing bytes", m));
        }
        else
        {
            Assert.All(messages, m => Assert.Contains(fragment, m));
        }
    }

    [Fact]
    public void Malformed_OverlappingTensors()
    {
        string header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        AssertMalformed(Build(header, new byte[12]), "tensor 'b'", "overlap tensor 'a'", "ends at 8");
        string same = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        AssertMalformed(Build(same, new byte[8]), "overlap");
    }

    [Fact]
    public void Malformed_HoleBetweenTensors()
    {
        string header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        AssertMalformed(Build(header, new byte[12]), "tensor 'b'", "hole", "begin at 4");
    }

    [Fact]
    public void Malformed_DuplicateNames()
    {
        string header = "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        AssertMalformed(Build(header, new byte[8]), "tensor 't'", "twice");
        string metadata = "{\"__metadata__\":{},\"__metadata__\":{}}";
        AssertMalformed(Build(metadata, []), "'__metadata__'", "twice");
        string keys = "{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}";
        AssertMalformed(Build(keys, []), "'k' twice");
    }

    [Theory]
    [InlineData("{\"__metadata__\":{\"k\":1}}", "value of 'k' expected a string, got Number")]
    [InlineData("{\"__metadata__\":[\"k\"]}", "__metadata__: expected an object of strings, got Array")]
    [InlineData("{\"__metadata__\":\"k\"}", "__metadata__: expected an object of strings, got String")]
    public void Malformed_Metadata(string header, string fragment)
    {
        AssertMalformed(Build(header, []), fragment);
    }

    [Fact]
    public void Malformed_LoneSurrogateEscape()
    {
        AssertMalformed(Build("{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}", []), "invalid escape");
        AssertMalformed(Build("{\"__metadata__\":{\"k\":\"\\udc00\"}}", []), "invalid escape");
    }

    [Fact]
    public void Malformed_TruncatedData()
    {
        byte[] valid = ValidSample();
        AssertMalformed(valid[..^1], "truncated");
    }

    [Fact]
    public void Malformed_HugeClaims_DoNotAllocateFromUncheckedSizes()
    {
        // A 4 GiB tensor announced by a 100-byte pipe, and a 100 MB header announced by an 8-byte pipe.
        byte[] tensor = Build("{\"t\":{\"dtype\":\"F32\",\"shape\":[1073741824],\"data_offsets\":[0,4294967296]}}", new byte[64]);
        byte[] header = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(header, 100_000_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("truncated", Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(new NonSeekableStream(tensor, 4096))).Message);
        Assert.Contains("truncated", Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(new NonSeekableStream(header, 4096))).Message);
        AssertMalformed(tensor, "truncated");
        AssertMalformed(header, "truncated");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 32 << 20, $"expected under 32 MiB allocated, got {allocated} bytes");
    }

    // ---- systematic: every truncation, random mutations ----------------------------------------------------------

    [Fact]
    public void Truncated_AtEveryLength_AlwaysFormatException()
    {
        byte[] valid = ValidSample();
        ReadAllWays(valid);
        for (int length = 0; length < valid.Length; length++)
        {
            byte[] cut = valid[..length];
            Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(cut));
            Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(new MemoryStream(cut, writable: false)));
            Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(new NonSeekableStream(cut)));
        }
    }

    [Fact]
    public void RandomMutations_ParseOrThrowFormatException_NeverAnythingElse()
    {
        byte[] valid = ValidSample();
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        byte[] interesting = "0123456789-+[]{}\",:.eE \\u".Select(c => (byte)c).Concat(new byte[] { 0, 0x7F, 0x80, 0xC3, 0xFF }).ToArray();
        var random = new Random(20240601);
        int parsed = 0, rejected = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] bytes = (byte[])valid.Clone();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(10) switch
                {
                    0 => random.Next(8),
                    < 8 => 8 + random.Next(headerEnd - 8),
                    _ => random.Next(bytes.Length),
                };
                bytes[at] = random.Next(2) == 0 ? (byte)random.Next(256) : interesting[random.Next(interesting.Length)];
            }

            var outcomes = new List<bool>(3);
            foreach (Func<SafeTensorsFile> read in new Func<SafeTensorsFile>[]
                     {
                         () => SafeTensors.Read(bytes),
                         () => SafeTensors.Read(new MemoryStream(bytes, writable: false)),
                         () => SafeTensors.Read(new NonSeekableStream(bytes)),
                     })
            {
                try
                {
                    read();
                    outcomes.Add(true);
                }
                catch (SafeTensorsFormatException)
                {
                    outcomes.Add(false);
                }
                catch (Exception other)
                {
                    Assert.Fail($"trial {trial}: expected success or SafeTensorsFormatException, got {other.GetType().Name}: {other.Message}\n{Convert.ToHexString(bytes)}");
                }
            }
            Assert.True(outcomes.All(o => o == outcomes[0]), $"trial {trial}: the readers disagree: {string.Join(", ", outcomes)}");
            if (outcomes[0])
            {
                parsed++;
            }
            else
            {
                rejected++;
            }
        }
        Assert.True(parsed > 20 && rejected > 1000, $"expected both outcomes often, got {parsed} parsed and {rejected} rejected");
    }
}
