namespace MLNet.Recurrent.Tests.Persistence;

/// <summary>A stream that cannot seek (a network or pipe stream's shape) over a memory stream.</summary>
internal sealed class ForwardOnlyStream(Stream inner, bool writable) : Stream
{
    public override bool CanRead => !writable;

    public override bool CanSeek => false;

    public override bool CanWrite => writable;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => writable ? throw new NotSupportedException() : inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!writable)
        {
            throw new NotSupportedException();
        }

        inner.Write(buffer, offset, count);
    }
}
