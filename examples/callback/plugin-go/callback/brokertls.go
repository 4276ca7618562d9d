package callback

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"reflect"
	"unsafe"

	plugin "github.com/hashicorp/go-plugin"
)

// FixBrokerTLS lets a plugin built with go-plugin before 1.4.4 (Debian ships
// 1.0.1) dial the host through the broker under AutoMTLS. Those versions hand
// the plugin's broker the server's TLS config, which has neither RootCAs nor
// ServerName: broker.Dial then checks the host's certificate against the
// system roots under the name "unused" and always fails ("certificate signed
// by unknown authority"). go-plugin 1.4.4 (commit 0d4e9d8, "automtls: fix
// bidirectional communication") sets RootCAs to the host's certificate
// (PLUGIN_CLIENT_CERT) and ServerName to "localhost"; this does the same on
// older versions and nothing on newer ones or without AutoMTLS.
//
// Call it from GRPCServer, before the broker dials anything.
func FixBrokerTLS(broker *plugin.GRPCBroker, hostCertificatePEM string) error {
	if broker == nil || hostCertificatePEM == "" {
		return nil
	}
	field := reflect.ValueOf(broker).Elem().FieldByName("tls")
	if !field.IsValid() || field.Type() != reflect.TypeOf((*tls.Config)(nil)) {
		return nil
	}
	config := *(**tls.Config)(unsafe.Pointer(field.UnsafeAddr()))
	if config == nil || config.RootCAs != nil {
		return nil
	}
	hostCertificates := x509.NewCertPool()
	if !hostCertificates.AppendCertsFromPEM([]byte(hostCertificatePEM)) {
		return errors.New("PLUGIN_CLIENT_CERT holds no PEM certificate")
	}
	config.RootCAs = hostCertificates
	if config.ServerName == "" {
		config.ServerName = "localhost"
	}
	return nil
}
