namespace ClaimsApi.Persistence;

/// <summary>Migrations could not be applied; the message says why and what to do. Nothing of them was kept.</summary>
public sealed class DatabaseMigrationException(string message, Exception? innerException = null) : Exception(message, innerException);
