namespace MLNet.Recurrent.Transforms;

/// <summary>Which label types a <see cref="SequenceClassificationEstimator"/> accepts.</summary>
internal enum ClassificationLabelKind
{
    /// <summary>Boolean (binary) or a key (multiclass), decided by the label column (<c>Transforms.Recurrent</c>).</summary>
    Any,

    /// <summary>Boolean only (<c>BinaryClassification.Trainers.Recurrent</c>).</summary>
    Binary,

    /// <summary>A key only (<c>MulticlassClassification.Trainers.Recurrent</c>).</summary>
    Multiclass,
}
