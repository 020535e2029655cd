// Every generated type (all 100 of the Customers spec: structs, enums, newtypes, the union)
// implements `Debug, Clone, PartialEq, Serialize, DeserializeOwned`, and is `Send + Sync`,
// so it can be logged, compared, cached and moved across threads.
use dintero_customers::types::*;

fn assert_traits<T>()
where
    T: std::fmt::Debug
        + Clone
        + PartialEq
        + serde::Serialize
        + serde::de::DeserializeOwned
        + Send
        + Sync
        + 'static,
{
}

macro_rules! assert_all {
    ($($ty:ty,)*) => {
        $(assert_traits::<$ty>();)*
    };
}

fn main() {
    assert_all!(
        AccessToken,
        AccountId,
        Address,
        AddressValidationResult,
        AddressValidationResultAlternativesItem,
        AidCompanyDepartmentsGetResponseItem,
        AidCustomersChangePasswordBody,
        AidCustomersCidChangeCustomerIdPostBody,
        AidCustomersCidTokensPostBody,
        AidCustomersCidTokensTidDeleteTid,
        AidCustomersCidVerifyPostBody,
        AidCustomersCidVerifyPostField,
        AidCustomersCidVerifyPostOperation,
        AidCustomersGetType,
        AidCustomersLoginPostBody,
        AidCustomersLoginPostBodyPassword,
        AidCustomersMfaLoginPostBody,
        AidCustomersTokensEventsDeleteBody,
        AidCustomersTokensEventsDeleteBodyEvent,
        AidCustomersTokensEventsGetResponseItem,
        AidCustomersTokensEventsPostBody,
        AidGetExternalOrganizationsResponse,
        AidLocationPostBody,
        AidSearchExternalValidateAddressBody,
        Auth,
        AuthType,
        AutoTokenType,
        AutoTokens,
        BasicUser,
        BasicUserCompany,
        BasicUserContactForItem,
        BindingMethod,
        ChallengeType,
        Communication,
        CommunicationCommunication,
        CommunicationCommunicationEmail,
        CommunicationCommunicationPhoneNumber,
        Customer,
        CustomerAddress,
        CustomerAddressType,
        CustomerCreate,
        CustomerData,
        CustomerId,
        CustomerIdFormat,
        CustomerResponse,
        CustomerTag,
        CustomerTagRequest,
        CustomerTerm,
        CustomerToken,
        CustomerTokenType,
        CustomerTokenValue,
        CustomerType,
        CustomerUpdate,
        CustomersMfaSettings,
        CustomersMfaSettingsLogin,
        CustomersSettings,
        CustomersSettingsAttributesItem,
        CustomersSettingsAttributesItemType,
        CustomersSettingsTokens,
        CustomersSettingsTokensEventExpiryItem,
        CustomersSettingsUsers,
        CustomersSettingsUsersHead,
        CustomersSettingsUsersVerifications,
        CustomersSettingsUsersVerificationsPhoneNumber,
        EnrolledBy,
        Entity,
        ApiError,
        ErrorError,
        ExternalOrganizationSubunit,
        GetExternalOrganizationResult,
        HmacSha256,
        IdentType,
        LocationId,
        LoginRecovery,
        MarketingConsent,
        MarketingConsentItem,
        MfaAuth,
        MultiFactorAuthenticationChallenge,
        MultiFactorAuthenticationChallengeLinksItem,
        MultiFactorAuthenticationChallengeLinksItemRel,
        MultiFactorAuthenticationRecoveryChallenge,
        MultiFactorAuthenticationRecoveryChallengeLinksItem,
        MultiFactorAuthenticationRecoveryChallengeLinksItemRel,
        OobChannel,
        PhoneNumber,
        PhoneNumberValidation,
        PostalPlaceResult,
        ResponseFrom,
        SalesLocation,
        SalesLocationAddress,
        SalesLocationResponse,
        SearchExternalOrganizationNorwayResult,
        Sha256,
        TermsAndConditions,
        TermsAndConditionsRequest,
        TokenDetail,
        TokenEvent,
        TokenId,
        TokenType,
        TokenTypeValue,
    );
    // Request bodies without required fields also have a `Default` (the empty body).
    assert_eq!(CustomerUpdate::default(), CustomerUpdate::builder().build());
    assert_eq!(
        CustomerData::default().metadata,
        dintero_customers::Nullable::Absent
    );
}
