import graphene

from storefront_api.payments.mutations.transactions import (
    PaymentGatewayInitialize,
    TransactionInitialize,
    TransactionProcess,
)


class PaymentMutations(graphene.ObjectType):
    payment_gateway_initialize = PaymentGatewayInitialize.Field()
    transaction_initialize = TransactionInitialize.Field()
    transaction_process = TransactionProcess.Field()
