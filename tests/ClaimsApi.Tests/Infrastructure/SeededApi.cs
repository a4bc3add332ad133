namespace ClaimsApi.Tests.Infrastructure;

/// <summary>A class fixture: one API on one fresh database seeded from the shipped seeds, shared by a test class's read-only tests.</summary>
public sealed class SeededApi : ClaimsApiFactory;
